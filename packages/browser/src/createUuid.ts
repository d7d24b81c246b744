const HEX = Array.from({ length: 256 }, (_, i) => (i + 256).toString(16).slice(1));

/**
 * v4 UUIDs from a pool of random bytes refilled 4 KiB at a time: one `getRandomValues` call per
 * 256 IDs is several times cheaper than `crypto.randomUUID()` per event, and works outside
 * secure contexts too.
 */
export const createUuid = (c: Crypto) => {
  let pool = new Uint8Array(0);
  let at = 0;
  return (): string => {
    if (at + 16 > pool.length) [pool, at] = [c.getRandomValues(new Uint8Array(4096)), 0];
    const b = pool;
    const i = at;
    at += 16;
    b[i + 6] = (b[i + 6]! & 0x0f) | 0x40;
    b[i + 8] = (b[i + 8]! & 0x3f) | 0x80;
    let s = '';
    for (let k = 0; k < 16; k++) s += (k === 4 || k === 6 || k === 8 || k === 10 ? '-' : '') + HEX[b[i + k]!];
    return s;
  };
};
