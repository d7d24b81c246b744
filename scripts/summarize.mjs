// Reads every runner's report and prints the plain total as the last line:
// "N passed, N failed". A missing report counts as a failure, so a silent runner is visible.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? 'reports';
const read = (file) => (existsSync(join(dir, file)) ? JSON.parse(readFileSync(join(dir, file), 'utf8')) : undefined);
const rows = [];

const vitest = read('vitest.json');
rows.push(['vitest', vitest ? vitest.numPassedTests : 0, vitest ? vitest.numFailedTests : 1]);

const pw = read('playwright.json');
rows.push(['playwright', pw ? pw.stats.expected + pw.stats.flaky : 0, pw ? pw.stats.unexpected : 1]);

// One check; each compiler error counts as a failure, and so does a run that did not end cleanly.
const tsc = existsSync(join(dir, 'typecheck.txt')) ? readFileSync(join(dir, 'typecheck.txt'), 'utf8') : '';
const tscFailed = Math.max((tsc.match(/error TS\d+/g) ?? []).length, /^exit 0$/m.test(tsc) ? 0 : 1);
rows.push(['typecheck', tscFailed ? 0 : 1, tscFailed]);

const size = read('size.json');
rows.push(['size budgets', size ? size.filter((r) => r.ok).length : 0, size ? size.filter((r) => !r.ok).length : 1]);

let passed = 0;
let failed = 0;
for (const [name, p, f] of rows) {
  console.log(`${name.padEnd(14)} ${p} passed, ${f} failed`);
  passed += p;
  failed += f;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed || !passed ? 1 : 0);
