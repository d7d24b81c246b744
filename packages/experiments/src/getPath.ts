/** Value at a dotted path (`context.page.path`), or `null` as soon as a step is missing or not an object. */
export const getPath = (obj: unknown, path: string): unknown => {
  for (const p of path.split('.')) {
    if (obj && typeof obj == 'object' && p in obj) obj = (obj as Record<string, unknown>)[p];
    else return null;
  }
  return obj;
};
