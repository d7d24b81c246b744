/** The part of an experiment that namespace exclusivity depends on. */
export interface NamespacedExperiment {
  key: string;
  status: string;
  namespace?: readonly [string, number, number] | undefined;
}

/** Two running experiments whose ranges in one namespace intersect (`second` comes later in the list). */
export interface NamespaceOverlap {
  first: number;
  second: number;
  namespace: string;
}

/**
 * Finds running experiments that share a namespace and whose `[start, end)` ranges intersect,
 * so one user could be in both: the thing namespaces exist to prevent.
 */
export function findNamespaceOverlaps(experiments: readonly NamespacedExperiment[]): NamespaceOverlap[] {
  const overlaps: NamespaceOverlap[] = [];
  experiments.forEach((b, second) => {
    for (let first = 0; first < second; first++) {
      const a = experiments[first];
      if (!a?.namespace || !b.namespace || a.status !== 'running' || b.status !== 'running') continue;
      const [nsA, startA, endA] = a.namespace;
      const [nsB, startB, endB] = b.namespace;
      if (nsA === nsB && startA < endB && startB < endA) overlaps.push({ first, second, namespace: nsA });
    }
  });
  return overlaps;
}
