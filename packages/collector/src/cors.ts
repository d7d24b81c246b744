import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';

/** Answer headers of a preflight from an allowed origin. `Max-Age` is Chrome's 2 h ceiling. */
const PREFLIGHT: OutgoingHttpHeaders = {
  'Access-Control-Allow-Methods': 'POST, GET',
  'Access-Control-Allow-Headers': 'Content-Type, Content-Encoding',
  'Access-Control-Max-Age': '7200',
};

/**
 * CORS headers for a request: only an allowed `Origin` gets them (echoed, never `*`, so the
 * answer is right for one origin only — hence `Vary: Origin`). `Retry-After` is exposed because
 * it is not a safelisted response header and the SDK's backoff reads it.
 */
export function corsHeaders(req: IncomingMessage, allowed: readonly string[]): OutgoingHttpHeaders {
  if (allowed.length === 0) return {};
  const origin = req.headers.origin;
  const vary = { Vary: 'Origin' };
  if (!origin || !(allowed.includes('*') || allowed.includes(origin))) return vary;
  const headers: OutgoingHttpHeaders = { ...vary, 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': 'Retry-After' };
  return req.method === 'OPTIONS' ? { ...headers, ...PREFLIGHT } : headers;
}

/** Normalises configured origins: trims, drops empties and trailing slashes (`Origin` never has one). */
export function normalizeOrigins(origins: readonly string[]): string[] {
  return origins.map((origin) => origin.trim().replace(/\/+$/, '')).filter((origin) => origin !== '');
}
