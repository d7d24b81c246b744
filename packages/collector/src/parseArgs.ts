import { parseArgs as parseFlags } from 'node:util';
import { parseFaults } from './parseFaults';
import type { CollectorOptions } from './types';

/** Database the CLI uses when neither `--db` nor `TIDEMARK_DB` is given (relative to the working directory). */
export const DEFAULT_DB = '.data/tidemark.duckdb';

export const USAGE = `Usage: tidemark-collector [options]     (pnpm collector [options])

  option            environment           default                what
  --port N          TIDEMARK_PORT         8787                   port; 0 picks a free one
  --host HOST       TIDEMARK_HOST         127.0.0.1              interface to bind
  --db PATH         TIDEMARK_DB           ${DEFAULT_DB}  DuckDB file (created if missing) or :memory:
  --cors ORIGINS    TIDEMARK_CORS         none                   comma-separated allowed origins, or *
  --path PATH       TIDEMARK_PATH         /v1/batch              ingest path
  --max-body BYTES  TIDEMARK_MAX_BODY     1048576                body cap, also after gunzip
  --rate-limit B:R  TIDEMARK_RATE_LIMIT   200:50                 per write key: burst B, R/s; or off
  --faults SPEC     TIDEMARK_FAULTS       none                   e.g. 'status=500:0.3,drop:0.1,delay=2000:0.1,ackloss:0.05'
  -h, --help                                                     show this help`;

/** What the CLI should do. */
export type CliCommand = { kind: 'run'; options: CollectorOptions & { db: string } } | { kind: 'help' } | { kind: 'error'; message: string };

const FLAGS = {
  port: { type: 'string' },
  host: { type: 'string' },
  db: { type: 'string' },
  cors: { type: 'string' },
  path: { type: 'string' },
  'max-body': { type: 'string' },
  'rate-limit': { type: 'string' },
  faults: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Flag = Exclude<keyof typeof FLAGS, 'help'>;

/** `max-body` → `TIDEMARK_MAX_BODY`. */
const envName = (flag: Flag) => `TIDEMARK_${flag.toUpperCase().replace('-', '_')}`;

/**
 * Reads CLI flags, falling back to `TIDEMARK_*` environment variables, and validates every value.
 * Pure: never touches the process, so it is tested as a unit.
 */
export function parseArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): CliCommand {
  let values: Partial<Record<Flag, string>> & { help?: boolean };
  try {
    values = parseFlags({ args: [...argv], options: FLAGS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    return { kind: 'error', message: (error as Error).message };
  }
  if (values.help) return { kind: 'help' };
  const get = (flag: Flag) => values[flag] ?? env[envName(flag)];
  const bad = (flag: Flag, expected: string) => ({ kind: 'error' as const, message: `--${flag} (or ${envName(flag)}): expected ${expected}, got "${get(flag)}"` });

  const options: CollectorOptions & { db: string } = { db: get('db') || DEFAULT_DB };
  const port = get('port');
  if (port !== undefined) {
    if (!/^\d+$/.test(port) || Number(port) > 65535) return bad('port', 'an integer from 0 to 65535');
    options.port = Number(port);
  }
  const host = get('host');
  if (host) options.host = host;
  const cors = get('cors');
  if (cors) options.cors = cors.split(',');
  const path = get('path');
  if (path !== undefined) {
    if (!path.startsWith('/')) return bad('path', 'a path starting with "/"');
    options.path = path;
  }
  const maxBody = get('max-body');
  if (maxBody !== undefined) {
    if (!/^\d+$/.test(maxBody) || Number(maxBody) < 1) return bad('max-body', 'a positive number of bytes');
    options.maxBodyBytes = Number(maxBody);
  }
  const rate = get('rate-limit');
  if (rate !== undefined) {
    const match = /^(\d+):(\d+(?:\.\d+)?)$/.exec(rate);
    if (rate === 'off') options.rateLimit = false;
    else if (match && Number(match[1]) >= 1 && Number(match[2]) > 0) options.rateLimit = { burst: Number(match[1]), perSecond: Number(match[2]) };
    else return bad('rate-limit', 'BURST:PER_SECOND (e.g. 200:50) or off');
  }
  const faults = get('faults');
  if (faults !== undefined) {
    const parsed = parseFaults(faults);
    if (!parsed.ok) return { kind: 'error', message: `--faults: ${parsed.error}` };
    options.faults = faults;
  }
  return { kind: 'run', options };
}
