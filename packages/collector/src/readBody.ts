import type { IncomingMessage } from 'node:http';
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';

const gunzipAsync = promisify(gunzip);

/** The request body as text, or the status and reason to refuse it with. */
export type BodyResult = { ok: true; text: string } | { ok: false; status: 400 | 413 | 415; error: string };

const tooLarge = (maxBytes: number): BodyResult => ({ ok: false, status: 413, error: `body larger than ${maxBytes} bytes` });

/**
 * Reads a request body of at most `maxBytes`, gunzipping it when `Content-Encoding: gzip`
 * (the cap holds after decompression too, so a small gzip bomb cannot expand). On 413 the
 * rest of the body is drained rather than the socket reset, so the client reads the answer.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity' && encoding !== 'gzip') {
    req.resume();
    return Promise.resolve({ ok: false, status: 415, error: `unsupported Content-Encoding "${encoding}" (expected gzip or none)` });
  }
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) {
    req.resume();
    return Promise.resolve(tooLarge(maxBytes));
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      req.off('data', onData);
      req.resume();
      resolve(tooLarge(maxBytes));
    };
    req.on('data', onData);
    const aborted = () => resolve({ ok: false, status: 400, error: 'request aborted' });
    req.on('error', aborted);
    req.on('close', () => req.complete || aborted());
    req.on('end', () => {
      if (size > maxBytes) return;
      const raw = Buffer.concat(chunks);
      if (encoding === 'identity') return resolve({ ok: true, text: raw.toString('utf8') });
      gunzipAsync(raw, { maxOutputLength: maxBytes }).then(
        (text) => resolve({ ok: true, text: text.toString('utf8') }),
        (error: NodeJS.ErrnoException) =>
          resolve(error.code === 'ERR_BUFFER_TOO_LARGE' ? tooLarge(maxBytes) : { ok: false, status: 400, error: 'invalid gzip body' }),
      );
    });
  });
}
