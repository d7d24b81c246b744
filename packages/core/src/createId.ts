const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/** A v4 UUID built from `random()`, for platforms without `crypto.randomUUID`. */
export const uuidFromRandom = (random: () => number): string => {
  let s = '';
  for (let i = 0; i < 8; i++) s += hex((random() * 0x10000) | 0, 4);
  // Set the version (4) and variant (10xx) bits.
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-${hex((parseInt(s[16]!, 16) & 3) | 8, 1)}${s.slice(17, 20)}-${s.slice(20)}`;
};

/**
 * A v7 UUID (RFC 9562): 48 bits of Unix ms, then the random bits of a v4 UUID. Time-ordered,
 * so message IDs sort by creation and index well at the collector.
 */
export const uuidV7 = (now: number, v4: string): string => {
  const t = hex(now, 12);
  return `${t.slice(0, 8)}-${t.slice(8)}-7${v4.slice(15)}`;
};
