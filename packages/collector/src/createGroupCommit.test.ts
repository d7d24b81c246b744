import { describe, expect, it } from 'vitest';
import { createGroupCommit } from './createGroupCommit';

/** A serial queue like the store's. */
const createSerial = () => {
  let tail: Promise<unknown> = Promise.resolve();
  return (task: () => Promise<void>) => {
    const run = tail.then(task);
    tail = run.catch(() => undefined);
    return run;
  };
};

describe('createGroupCommit', () => {
  it('writes items submitted while a write runs together, in order, each getting its own result', async () => {
    const writes: number[][] = [];
    const submit = createGroupCommit({
      write: async (items: number[]) => {
        writes.push(items);
        await new Promise((resolve) => setTimeout(resolve, 10));
        return items.map((n) => n * 10);
      },
      run: createSerial(),
      weigh: () => 1,
      maxWeight: 100,
    });
    const first = submit(1);
    await new Promise((resolve) => setTimeout(resolve, 1)); // the first write is running
    const rest = [submit(2), submit(3), submit(4)];
    expect(await Promise.all([first, ...rest])).toEqual([10, 20, 30, 40]);
    expect(writes).toEqual([[1], [2, 3, 4]]);
  });

  it('splits groups at maxWeight but always takes at least one item', async () => {
    const writes: number[][] = [];
    const submit = createGroupCommit({
      write: async (items: number[]) => (writes.push(items), items),
      run: createSerial(),
      weigh: (n) => n,
      maxWeight: 5,
    });
    await Promise.all([submit(2), submit(3), submit(4), submit(9), submit(1)]);
    expect(writes).toEqual([[2, 3], [4], [9], [1]]);
  });

  it('retries a failed group item by item, so only the bad item fails', async () => {
    const writes: string[][] = [];
    const submit = createGroupCommit({
      write: async (items: string[]) => {
        writes.push(items);
        if (items.includes('bad')) throw new Error('refused');
        return items.map((item) => item.toUpperCase());
      },
      run: createSerial(),
      weigh: () => 1,
      maxWeight: 10,
    });
    const results = await Promise.allSettled([submit('a'), submit('bad'), submit('c')]);
    expect(results).toEqual([
      { status: 'fulfilled', value: 'A' },
      { status: 'rejected', reason: new Error('refused') },
      { status: 'fulfilled', value: 'C' },
    ]);
    expect(writes).toEqual([['a', 'bad', 'c'], ['a'], ['bad'], ['c']]);
  });

  it('rejects every item of a failed write, and later writes still run', async () => {
    let fail = true;
    const submit = createGroupCommit({
      write: async (items: string[]) => {
        if (fail) throw new Error('disk full');
        return items;
      },
      run: createSerial(),
      weigh: () => 1,
      maxWeight: 10,
    });
    const results = await Promise.allSettled([submit('a'), submit('b')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await submit('c')).toBe('c');
  });
});
