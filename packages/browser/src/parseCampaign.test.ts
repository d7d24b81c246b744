import { describe, expect, it } from 'vitest';
import { parseCampaign } from './parseCampaign';

describe('parseCampaign', () => {
  it('maps utm_* to Segment campaign names and keeps click IDs', () => {
    expect(parseCampaign('?utm_source=wechat&UTM_MEDIUM=social&utm_campaign=w48&utm_term=mug&utm_content=a&gclid=G1&x=1')).toEqual({
      source: 'wechat',
      medium: 'social',
      name: 'w48',
      term: 'mug',
      content: 'a',
      gclid: 'G1',
    });
  });

  it('is empty without campaign parameters, ignores empty values and caps lengths', () => {
    expect(parseCampaign('')).toEqual({});
    expect(parseCampaign('?utm_source=&q=shoes')).toEqual({});
    expect(parseCampaign(`?utm_source=${'s'.repeat(500)}`).source).toHaveLength(200);
  });
});
