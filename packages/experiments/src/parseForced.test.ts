import { describe, expect, it } from 'vitest';
import { parseForced } from './parseForced';

describe('parseForced', () => {
  it.each([
    ['?tm_force=cta_color:green', { cta_color: 'green' }],
    ['?a=1&tm_force=cta_color%3Agreen,hero:b&z=2', { cta_color: 'green', hero: 'b' }],
    ['?tm_force=cta_color:green#top', { cta_color: 'green' }],
    ['?xtm_force=cta_color:green', {}],
    ['?tm_force=cta_color,:b,c:', {}],
    ['?tm_force=%E0%A4%A', {}],
    ['', {}],
    [undefined, {}],
  ])('reads %j', (search, expected) => expect(parseForced(search)).toEqual(expected));
});
