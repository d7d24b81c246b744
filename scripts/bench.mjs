// `pnpm bench`: every benchmark, one after another. They print numbers and assert nothing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

for (const script of ['scripts/bench-tracker.mjs', 'scripts/bench-experiments.mjs', 'packages/collector/bench/ingest.mjs']) {
  if (!existsSync(script)) continue;
  console.log(`\n== ${script}`);
  const { status } = spawnSync(process.execPath, [script], { stdio: 'inherit' });
  if (status) process.exitCode = status;
}
