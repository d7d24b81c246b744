import { describe, expect, it } from 'vitest';
import { parseFaults, pickFault } from './parseFaults';
import type { Fault } from './parseFaults';

describe('parseFaults', () => {
  it('reads every kind of fault in the issue 3 spec', () => {
    const result = parseFaults('status=500:0.3, status=429:0.1,drop:0.1,delay=2000:0.1,ackloss:0.05');
    expect(result).toEqual({
      ok: true,
      faults: [
        { kind: 'status', status: 500, p: 0.3 },
        { kind: 'status', status: 429, p: 0.1 },
        { kind: 'drop', p: 0.1 },
        { kind: 'delay', ms: 2000, p: 0.1 },
        { kind: 'ackloss', p: 0.05 },
      ],
    });
  });

  it('reads an empty spec as no faults', () => {
    expect(parseFaults('')).toEqual({ ok: true, faults: [] });
    expect(parseFaults('  ')).toEqual({ ok: true, faults: [] });
  });

  it('accepts probabilities 0, 1 and .5', () => {
    expect(parseFaults('status=503:1').ok).toBe(true);
    expect(parseFaults('drop:0').ok).toBe(true);
    expect(parseFaults('drop:.5').ok).toBe(true);
  });

  it.each([
    ['status=abc:0.1', /status must be an integer from 400 to 599/],
    ['status=200:0.1', /status must be an integer from 400 to 599/],
    ['status:0.1', /status must be an integer/],
    ['drop=3:0.1', /drop takes no "=" argument/],
    ['delay=-5:0.1', /delay must be whole milliseconds/],
    ['delay=1e3:0.1', /delay must be whole milliseconds/],
    ['explode:0.1', /unknown fault "explode"/],
    ['drop:1.5', /probability must be a number from 0 to 1, got "1.5"/],
    ['drop:-0.1', /probability must be a number from 0 to 1/],
    ['drop:abc', /probability must be a number/],
    ['drop', /expected KIND\[=ARG\]:PROBABILITY/],
    ['drop:0.1,,ackloss:0.1', /bad fault "": expected KIND/],
    ['status=500:0.6,drop:0.6', /add up to 1.2, more than 1/],
  ])('rejects %s with a clear error', (spec, message) => {
    const result = parseFaults(spec);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(message);
  });
});

describe('pickFault', () => {
  const faults: Fault[] = [
    { kind: 'status', status: 500, p: 0.3 },
    { kind: 'drop', p: 0.1 },
  ];

  it('maps draws onto consecutive probability ranges', () => {
    expect(pickFault(faults, 0)).toEqual({ kind: 'status', status: 500, p: 0.3 });
    expect(pickFault(faults, 0.299)).toMatchObject({ kind: 'status' });
    expect(pickFault(faults, 0.3)).toMatchObject({ kind: 'drop' });
    expect(pickFault(faults, 0.399)).toMatchObject({ kind: 'drop' });
    expect(pickFault(faults, 0.4)).toBeUndefined();
    expect(pickFault([], 0)).toBeUndefined();
  });
});
