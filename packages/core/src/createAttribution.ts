import { readJson } from './readJson';
import { STORAGE_KEYS } from './storageKeys';
import type { Campaign, KeyValueStorage } from './types';

type Touches = { first?: Campaign; last?: Campaign };

/** First-touch and last-touch campaign of the device, persisted. */
export const createAttribution = (storage: KeyValueStorage) => {
  let touches = readJson<Touches>(storage, STORAGE_KEYS.attribution) ?? {};
  return {
    _get: (): Touches => touches,
    /** Records a campaign seen on a page view. */
    _see(campaign: Campaign) {
      if (!Object.keys(campaign).length) return;
      touches = { first: touches.first ?? campaign, last: campaign };
      storage.set(STORAGE_KEYS.attribution, JSON.stringify(touches));
    },
    _clear() {
      touches = {};
    },
  };
};
