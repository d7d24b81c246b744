/** Reads QA overrides from a query string: `?tm_force=cta_color:green,hero:b` → `{ cta_color: 'green', hero: 'b' }`. */
export const parseForced = (search: string | undefined): Record<string, string> => {
  const forced: Record<string, string> = {};
  const m = /[?&]tm_force=([^&#]*)/.exec(search || '');
  try {
    for (const pair of m ? decodeURIComponent(m[1]!).split(',') : []) {
      const [key, variation] = pair.split(':');
      if (key && variation) forced[key] = variation;
    }
  } catch {
    // A malformed %-escape forces nothing.
  }
  return forced;
};
