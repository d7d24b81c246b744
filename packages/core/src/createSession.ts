import { readJson } from './readJson';
import { STORAGE_KEYS } from './storageKeys';
import type { Campaign, KeyValueStorage } from './types';

interface SessionState {
  /** Start time in ms, which is also the session ID. */
  id: number;
  /** Time of the last event. */
  last: number;
  /** Events in the session so far. */
  seq: number;
  /** The campaign that started the session. */
  c?: Campaign;
}

const sameCampaign = (a: Campaign | undefined, b: Campaign) => JSON.stringify(a ?? {}) === JSON.stringify(b);

/**
 * Sessions: a session ends after `timeout` ms without events, or when a page view arrives with
 * a campaign (UTM / click ID) other than the one that started it. Shared by tabs via storage.
 */
export const createSession = (storage: KeyValueStorage, timeout: number) => {
  const read = () => readJson<SessionState>(storage, STORAGE_KEYS.session);
  let state = read();

  /**
   * The session at `now`: the stored one while it is active, else a new one that starts now and
   * that the next event joins. So `identity().sessionId` names the session of the next event.
   */
  const expired = (now: number) => !state || now - state.last > timeout;
  // Session IDs are start times; two sessions begun in one millisecond still differ.
  const begin = (now: number): SessionState => (state = { id: Math.max(now, (state?.id ?? 0) + 1), last: now, seq: 0 });
  const current = (now: number): SessionState => {
    // Another tab may have kept the session alive: check storage before rolling over.
    if (expired(now)) state = read() ?? state;
    return expired(now) ? begin(now) : state!;
  };

  return {
    /**
     * Counts an event into the session, starting a new one when needed. `campaign` is passed for
     * page views only: an empty one never starts a session.
     */
    _touch(now: number, campaign?: Campaign) {
      let s = current(now);
      const fresh = campaign && Object.keys(campaign).length ? campaign : undefined;
      if (fresh && !sameCampaign(s.c, fresh)) {
        // Another campaign starts another session, unless no event is in this one yet.
        if (s.seq) s = begin(now);
        s.c = fresh;
      }
      const start = !s.seq;
      s.last = now;
      s.seq++;
      return { id: s.id, seq: s.seq, start, campaign: s.c };
    },
    _id: (now: number) => current(now).id,
    _save() {
      if (state) storage.set(STORAGE_KEYS.session, JSON.stringify(state));
    },
    _reset() {
      state = undefined;
      storage.remove(STORAGE_KEYS.session);
    },
  };
};
