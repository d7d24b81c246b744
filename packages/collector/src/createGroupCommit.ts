/**
 * Group commit: items submitted while a write is queued or running are written together by
 * the next `write` call. One DuckDB statement costs about the same for 20 rows as for a few
 * hundred (index upkeep and commit dominate), so under concurrent requests this multiplies
 * throughput. `write` receives up to `maxWeight` (at least one item) and returns one result per item.
 * `run` places each write in the caller's serial queue. A failed group is retried item by item.
 */
export function createGroupCommit<I, O>(options: {
  write: (items: I[]) => Promise<O[]>;
  run: (task: () => Promise<void>) => Promise<void>;
  weigh: (item: I) => number;
  maxWeight: number;
}): (item: I) => Promise<O> {
  const { write, run, weigh, maxWeight } = options;
  const pending: { item: I; resolve: (out: O) => void; reject: (error: unknown) => void }[] = [];
  let scheduled = false;

  const flush = async (): Promise<void> => {
    const group = [];
    let weight = 0;
    while (pending.length > 0 && (group.length === 0 || weight + weigh(pending[0]!.item) <= maxWeight)) {
      const next = pending.shift()!;
      weight += weigh(next.item);
      group.push(next);
    }
    if (pending.length > 0) void run(flush);
    else scheduled = false;
    try {
      const results = await write(group.map((entry) => entry.item));
      group.forEach((entry, i) => entry.resolve(results[i]!));
    } catch (error) {
      if (group.length === 1) return group[0]!.reject(error);
      // One bad item must fail only its own request: retry the group item by item.
      for (const entry of group) await write([entry.item]).then((results) => entry.resolve(results[0]!), entry.reject);
    }
  };

  return (item) =>
    new Promise<O>((resolve, reject) => {
      pending.push({ item, resolve, reject });
      if (scheduled) return;
      scheduled = true;
      void run(flush);
    });
}
