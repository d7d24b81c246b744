import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { jsonSchemaText } from './generateJsonSchema';
import { runCli, USAGE } from './runCli';

const example = (name: string) => fileURLToPath(new URL(`../../../examples/marketing/${name}`, import.meta.url));
const VALID = example('tidemark.json');
const INVALID = example('invalid.json');
const EVENTS = example('events.json');
const ATTRIBUTES = example('attributes.json');

const tmp = mkdtempSync(join(tmpdir(), 'tidemark-cli-'));
const tmpFile = (name: string, content: string) => {
  const file = join(tmp, name);
  writeFileSync(file, content);
  return file;
};

describe('runCli', () => {
  it('prints usage for --help and no arguments', () => {
    expect(runCli(['--help'])).toEqual({ code: 0, lines: [USAGE] });
    expect(runCli([])).toEqual({ code: 0, lines: [USAGE] });
  });

  it('prints the package version for --version', () => {
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(runCli(['--version'])).toEqual({ code: 0, lines: [version] });
  });

  it('exits 2 with usage for an unknown command or option', () => {
    const unknown = runCli(['deploy']);
    expect(unknown.code).toBe(2);
    expect(unknown.lines[0]).toBe('tidemark: unknown command "deploy"');
    expect(unknown.lines).toContain(USAGE);
    expect(runCli(['validate', VALID, '--strict']).code).toBe(2);
    expect(runCli(['validate']).code).toBe(2);
    expect(runCli(['simulate']).code).toBe(2);
    expect(runCli(['simulate', VALID, '--users', 'lots']).code).toBe(2);
    expect(runCli(['simulate', VALID, '--users', '0']).code).toBe(2);
  });
});

describe('tidemark validate', () => {
  it('exits 0 and prints ✓ for a valid file', () => {
    expect(runCli(['validate', VALID, '--events', EVENTS])).toEqual({ code: 0, lines: [`✓ ${VALID}`] });
  });

  it('exits 1 with one FILE: path: message line per problem', () => {
    const { code, lines } = runCli(['validate', VALID, INVALID, '--events', EVENTS]);
    expect(code).toBe(1);
    expect(lines[0]).toBe(`✓ ${VALID}`);
    expect(lines).toHaveLength(18);
    for (const line of lines.slice(1)) expect(line).toMatch(new RegExp(`^${INVALID.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: [\\w.$]+: .+`));
    expect(lines).toContain(`${INVALID}: experiments.0.variations: expected variation weights to sum to 1, got 0.9`);
    expect(lines).toContain(`${INVALID}: experiments.0.goals.0: unknown event "Order Complete" (not in the events list)`);
    expect(lines).toContain(`${INVALID}: experiments.1.namespace: range overlaps running experiment "cta_color" (["checkout",0,0.6]) in namespace "checkout"`);
  });

  it('checks event names only when --events is given', () => {
    const { lines } = runCli(['validate', INVALID]);
    expect(lines).toHaveLength(15);
    expect(lines.some((l) => l.includes('unknown event'))).toBe(false);
  });

  it('reports a missing file and bad JSON clearly', () => {
    const missing = join(tmp, 'nope.json');
    const bad = tmpFile('bad.json', '{ "version": 1, }');
    const { code, lines } = runCli(['validate', missing, bad]);
    expect(code).toBe(1);
    expect(lines[0]).toBe(`${missing}: file not found`);
    expect(lines[1]).toMatch(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: invalid JSON: `));
  });

  it('rejects an events file that is not a list of names', () => {
    const events = tmpFile('events-bad.json', '{ "names": [] }');
    expect(runCli(['validate', VALID, '--events', events])).toEqual({ code: 1, lines: [`${events}: expected an array of event names or { "events": [...] }`] });
    const wrapped = tmpFile('events-wrapped.json', JSON.stringify({ events: JSON.parse(readFileSync(EVENTS, 'utf8')) }));
    expect(runCli(['validate', VALID, '--events', wrapped]).code).toBe(0);
  });
});

describe('tidemark simulate', () => {
  it('prints split, coverage and SRM per experiment and no namespace conflict for the example', () => {
    const { code, lines } = runCli(['simulate', VALID, '--users', '100000', '--attributes', ATTRIBUTES, '--seed', '7']);
    expect(code).toBe(0);
    expect(lines[0]).toBe(`Simulated 100,000 users of ${VALID} (seed 7, attributes cycled from ${ATTRIBUTES} (4))`);
    expect(lines).toContain('cta_color (running, coverage 1, namespace checkout [0, 0.5))');
    expect(lines.filter((l) => /^ {2}SRM {11}chi-square [\d.]+ \(df \d\), p = [\d.e-]+ ✓$/.test(l))).toHaveLength(2);
    expect(lines).toContain('free_shipping_banner (stopped, coverage 1): skipped (stopped, not assigning)');
    expect(lines.at(-1)).toBe('namespace checkout (cta_color, checkout_steps): 0 users in more than one experiment ✓');
    const coverage = lines.find((l) => l.startsWith('  coverage') && l.includes('configured 80.00%'));
    expect(Math.abs(parseFloat(coverage!.slice('  coverage'.length)) - 80)).toBeLessThan(1);
  });

  it('exits 1 and flags a sample ratio mismatch', () => {
    const doc = tmpFile(
      'srm.json',
      JSON.stringify({
        version: 1,
        experiments: [{ key: 'by_plan', status: 'running', hashAttribute: 'traits.plan', variations: [{ key: 'a', weight: 0.5, value: 1 }, { key: 'b', weight: 0.5, value: 2 }] }],
      }),
    );
    const attributes = tmpFile('plans.json', JSON.stringify([{ traits: { plan: 'free' } }, { traits: { plan: 'pro' } }, { traits: { plan: 'team' } }]));
    const { code, lines } = runCli(['simulate', doc, '--users', '30000', '--attributes', attributes]);
    expect(code).toBe(1);
    expect(lines.some((l) => l.includes('✗ sample ratio mismatch (p < 0.001)'))).toBe(true);
  });

  it('refuses an invalid document with the validate lines', () => {
    const { code, lines } = runCli(['simulate', INVALID]);
    expect(code).toBe(1);
    expect(lines[0]).toBe(`${INVALID}: version: expected a number >= 1, got 0`);
  });

  it('refuses an attributes file that is not an array of objects', () => {
    const attributes = tmpFile('attrs-bad.json', '[1, 2]');
    expect(runCli(['simulate', VALID, '--attributes', attributes])).toEqual({ code: 1, lines: [`${attributes}: expected a non-empty array of attribute objects`] });
  });
});

describe('tidemark schema', () => {
  it('prints the JSON Schema, or writes it with --out', () => {
    expect(runCli(['schema']).lines.join('\n')).toBe(jsonSchemaText().trimEnd());
    const out = join(tmp, 'schema.json');
    expect(runCli(['schema', '--out', out])).toEqual({ code: 0, lines: [`wrote ${out}`] });
    expect(readFileSync(out, 'utf8')).toBe(jsonSchemaText());
  });
});
