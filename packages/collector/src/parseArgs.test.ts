import { describe, expect, it } from 'vitest';
import { DEFAULT_DB, parseArgs } from './parseArgs';

describe('parseArgs', () => {
  it('uses the documented defaults without flags', () => {
    expect(parseArgs([])).toEqual({ kind: 'run', options: { db: DEFAULT_DB } });
  });

  it('reads every flag, in both --flag value and --flag=value forms', () => {
    const command = parseArgs([
      '--port', '8799', '--host=0.0.0.0', '--db', ':memory:', '--cors', 'http://a.test,https://b.test',
      '--path', '/e', '--max-body=2048', '--rate-limit', '10:2.5', '--faults', 'drop:0.1',
    ]);
    expect(command).toEqual({
      kind: 'run',
      options: {
        port: 8799, host: '0.0.0.0', db: ':memory:', cors: ['http://a.test', 'https://b.test'], path: '/e',
        maxBodyBytes: 2048, rateLimit: { burst: 10, perSecond: 2.5 }, faults: 'drop:0.1',
      },
    });
  });

  it('falls back to TIDEMARK_* variables, and flags win over them', () => {
    const env = { TIDEMARK_PORT: '9000', TIDEMARK_DB: '/tmp/x.duckdb', TIDEMARK_CORS: '*', TIDEMARK_RATE_LIMIT: 'off' };
    expect(parseArgs([], env)).toEqual({ kind: 'run', options: { port: 9000, db: '/tmp/x.duckdb', cors: ['*'], rateLimit: false } });
    expect(parseArgs(['--port', '0'], env)).toMatchObject({ options: { port: 0 } });
  });

  it('asks for help', () => {
    expect(parseArgs(['--help'])).toEqual({ kind: 'help' });
    expect(parseArgs(['-h'])).toEqual({ kind: 'help' });
  });

  it.each([
    [['--port', 'abc'], /--port \(or TIDEMARK_PORT\): expected an integer from 0 to 65535, got "abc"/],
    [['--port', '70000'], /--port/],
    [['--path', 'v1/batch'], /--path .*starting with "\/"/],
    [['--max-body', '0'], /--max-body/],
    [['--rate-limit', 'lots'], /--rate-limit .*BURST:PER_SECOND/],
    [['--faults', 'status=200:0.1'], /--faults: bad fault "status=200:0.1"/],
    [['--nope'], /Unknown option '--nope'/],
    [['--port'], /argument missing/],
    [['extra'], /positional/],
  ])('rejects %j', (argv, message) => {
    const command = parseArgs(argv);
    expect(command.kind).toBe('error');
    expect(command.kind === 'error' && command.message).toMatch(message);
  });
});
