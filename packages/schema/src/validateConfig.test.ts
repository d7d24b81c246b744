import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import vectors from '../test/cases/validateConfig.json';
import { configSchema } from './configSchema';
import { validateConfig } from './validateConfig';

interface Case {
  name: string;
  doc: unknown;
  events?: string[];
  issues: { path: string; message: string }[];
}

const readExample = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../../examples/marketing/${name}`, import.meta.url), 'utf8'));

describe('validateConfig', () => {
  it.each((vectors.cases as Case[]).map((c) => [c.name, c] as const))('%s', (_, c) => {
    const result = validateConfig(c.doc, c.events ? { events: c.events } : {});
    const issues = result.ok ? [] : result.issues;
    expect(issues.map((i) => i.path)).toEqual(c.issues.map((i) => i.path));
    issues.forEach((issue, i) => expect(issue.message).toContain(c.issues[i]!.message));
    expect(result.ok).toBe(c.issues.length === 0);
  });

  it('applies defaults when the document is valid', () => {
    const result = validateConfig({
      version: 2,
      experiments: [{ key: 'e', status: 'draft', variations: [{ key: 'a', weight: 0.5, value: 1 }, { key: 'b', weight: 0.5, value: 2 }] }],
      rules: [{ key: 'r', slot: 's', when: { event: 'X' }, content: { text: 't' } }],
    });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const [exp] = result.value.experiments;
    expect(exp).toMatchObject({ coverage: 1, hashAttribute: 'anonymousId', hashVersion: 2, bucketVersion: 0, exposure: 'auto', goals: [] });
    expect(result.value.funnels).toEqual([]);
    expect(result.value.rules[0]?.priority).toBe(0);
    expect(result.value.holdout).toBeUndefined();
  });

  it('accepts the marketing example with its events list', () => {
    const events = readExample('events.json') as string[];
    const result = validateConfig(readExample('tidemark.json'), { events });
    expect(result).toMatchObject({ ok: true });
  });

  it('reports every mistake of the invalid example with its path', () => {
    const events = readExample('events.json') as string[];
    const result = validateConfig(readExample('invalid.json'), { events });
    expect(result.ok).toBe(false);
    const paths = result.ok ? [] : result.issues.map((i) => i.path);
    expect(paths).toEqual([
      'version',
      'experiments.0.variations',
      'experiments.0.variations.1.colour',
      'experiments.0.targeting.context.page.url.$regex',
      'experiments.0.goals.0',
      'experiments.0.winner',
      'experiments.1.variations.1.key',
      'experiments.1.coverage',
      'experiments.1.endAt',
      'experiments.1.key',
      'experiments.1.namespace',
      'experiments.2.endAt',
      'experiments.2.namespace',
      'experiments.2.namespace',
      'funnels.0.steps.1.key',
      'rules.0.when.event',
      'rules.0.content.href',
    ]);
  });

  it('never throws, whatever it is given', () => {
    for (const input of [undefined, null, 0, 'x', [], () => 1, { version: 1, experiments: 'nope' }, { version: 1, experiments: [null] }])
      expect(validateConfig(input).ok).toBe(false);
  });

  it('agrees with configSchema.safeParse on validity', () => {
    for (const c of vectors.cases as Case[]) if (!c.events) expect(configSchema.safeParse(c.doc).success).toBe(c.issues.length === 0);
  });
});
