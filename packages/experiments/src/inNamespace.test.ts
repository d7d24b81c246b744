import { describe, expect, it } from 'vitest';
import { gb } from '../test/growthbook';
import { createRandom } from '../test/random';
import { inNamespace } from './inNamespace';

describe('inNamespace', () => {
  it('equals GrowthBook on random units and namespaces', () => {
    const r = createRandom(4);
    for (let i = 0; i < 20000; i++) {
      const a = r.next();
      const b = r.pick([r.next(), 1, a]);
      const ns: [string, number, number] = [r.string(6), Math.min(a, b), Math.max(a, b)];
      const id = r.string();
      expect(inNamespace(id, ns), JSON.stringify([id, ns])).toBe(gb.inNamespace(id, ns));
    }
  }, 60_000);
});
