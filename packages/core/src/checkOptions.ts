import type { TrackerOptions } from './types';

/** What is wrong with the options, or `undefined` when a tracker can run with them. */
export const checkOptions = (o: TrackerOptions | undefined): string | undefined => {
  if (!o || typeof o !== 'object') return 'options missing';
  if (typeof o.writeKey !== 'string' || !o.writeKey) return 'writeKey is missing';
  if (typeof o.endpoint !== 'string' || !/^(https?:\/\/|\/)/.test(o.endpoint)) return 'endpoint must be an http(s) URL or path';
  const p = o.platform;
  if (!p || !p.storage || !p.transport || typeof p.context !== 'function' || typeof p.now !== 'function' || typeof p.random !== 'function')
    return 'platform is incomplete';
  return undefined;
};
