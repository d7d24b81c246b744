const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/** A v4 UUID built from `random()`, for platforms without `crypto.randomUUID`. */
export const uuidFromRandom = (random: () => number): string => {
  let s = '';
  for (let i = 0; i < 8; i++) s += hex((random() * 0x10000) | 0, 4);
  // Set the version (4) and variant (10xx) bits.
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-${hex((parseInt(s[16]!, 16) & 3) | 8, 1)}${s.slice(17, 20)}-${s.slice(20)}`;
};

let lastMs = 0;
let counter = 0;
let prefix = '';

/**
 * A v7 UUID (RFC 9562): 48 bits of Unix ms, a 12-bit counter for IDs made in the same ms
 * (method 1), then the random bits of a v4 UUID. IDs of one instance sort in creation order, so
 * the queue can be restored in order and the collector indexes them well.
 */
export const uuidV7 = (now: number, v4: string): string => {
  if (now > lastMs || ++counter > 0xfff) {
    [lastMs, counter] = [Math.max(now, lastMs + 1), 0];
    const t = hex(lastMs, 12);
    prefix = `${t.slice(0, 8)}-${t.slice(8)}-7`;
  }
  return prefix + hex(counter, 3) + v4.slice(18);
};
