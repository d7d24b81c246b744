import { describe, expect, it } from 'vitest';
import { createUuid } from './createUuid';

describe('createUuid', () => {
  it('makes distinct well-formed v4 UUIDs across pool refills', () => {
    const uuid = createUuid(crypto);
    const ids = new Set(Array.from({ length: 2000 }, uuid));
    expect(ids.size).toBe(2000);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
