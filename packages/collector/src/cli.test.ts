import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The CLI is tested as built (`PKG=collector pnpm exec rollup -c rollup.config.mjs`, and schema's
// build it imports); its flag parsing is covered by parseArgs.test.ts without a build.
const CLI = fileURLToPath(new URL('../dist/cli.mjs', import.meta.url));
const built = existsSync(CLI) && existsSync(fileURLToPath(new URL('../../schema/dist/index.mjs', import.meta.url)));

/** Runs the CLI; resolves with the URL it prints once listening, plus a handle to stop it. */
function run(args: string[]) {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const listening = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk;
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url) resolve(url);
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    void exited.then((code) => reject(new Error(`exited with ${code}: ${output}`)));
  });
  listening.catch(() => undefined); // only awaited by tests that expect it to start
  return { child, listening, exited, output: () => output };
}

describe.skipIf(!built)('cli (built)', () => {
  it('starts with --port and --db, serves, and closes cleanly on SIGTERM', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tidemark-cli-'));
    try {
      const db = join(dir, 'data', 'events.duckdb');
      const cli = run(['--port', '0', '--db', db]);
      const url = await cli.listening;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      expect(existsSync(db)).toBe(true);
      cli.child.kill('SIGTERM');
      expect(await cli.exited).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('exits with 2 and the usage on a bad flag', async () => {
    const cli = run(['--port', 'abc']);
    expect(await cli.exited).toBe(2);
    expect(cli.output()).toMatch(/--port \(or TIDEMARK_PORT\): expected an integer/);
    expect(cli.output()).toMatch(/Usage: tidemark-collector/);
  });
});
