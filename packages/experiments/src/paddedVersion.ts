/**
 * Makes version strings comparable as plain strings, as GrowthBook's `paddedVersionString`:
 * drops a leading `v` and `+build`, splits on `.` and `-`, left-pads numeric parts to 5 and
 * appends `~` to bare `x.y.z` so a release sorts after its pre-releases.
 */
export const paddedVersion = (input: unknown): string => {
  if (typeof input == 'number') input = input + '';
  const parts = (input && typeof input == 'string' ? input : '0').replace(/(^v|\+.*$)/g, '').split(/[-.]/);
  if (parts.length == 3) parts.push('~');
  return parts.map((p) => (/^\d+$/.test(p) ? p.padStart(5, ' ') : p)).join('-');
};
