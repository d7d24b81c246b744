import type { Campaign } from '@tidemark/core';

/** UTM parameters by their Segment `context.campaign` names. */
const UTM: Record<string, string> = {
  utm_source: 'source',
  utm_medium: 'medium',
  utm_campaign: 'name',
  utm_term: 'term',
  utm_content: 'content',
};
/** Ad click IDs, kept under their own names. */
const CLICK_IDS = ['gclid', 'gbraid', 'wbraid', 'dclid', 'fbclid', 'msclkid', 'ttclid', 'twclid', 'li_fat_id', 'yclid'];

/** The campaign in a URL query string; empty when it carries none. */
export const parseCampaign = (search: string): Campaign => {
  const out: Campaign = {};
  new URLSearchParams(search).forEach((value, key) => {
    const k = key.toLowerCase();
    const name = UTM[k] ?? (CLICK_IDS.includes(k) ? k : '');
    if (name && value) out[name] = value.slice(0, 200);
  });
  return out;
};
