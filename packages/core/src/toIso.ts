let second = NaN;
let prefix = '';

/** `Date#toISOString` for ms timestamps, formatting the date part once per second: track() is hot. */
export const toIso = (ms: number): string => {
  const s = Math.floor(ms / 1000);
  if (s !== second) {
    second = s;
    prefix = new Date(s * 1000).toISOString().slice(0, 20);
  }
  return `${prefix}${String(ms - s * 1000).padStart(3, '0')}Z`;
};
