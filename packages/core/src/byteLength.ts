/** UTF-8 length of a string, without TextEncoder (absent in some mini-program runtimes). */
export const byteLength = (s: string): number => {
  let n = s.length;
  // Most events are ASCII: one native scan beats a loop in JavaScript.
  if (!/[^\0-\x7f]/.test(s)) return n;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // 2 bytes up to U+07FF, 3 above; a surrogate pair is 4 bytes, counted 2 + 2.
    if (c > 0x7f) n += c > 0x7ff && (c < 0xd800 || c > 0xdfff) ? 2 : 1;
  }
  return n;
};
