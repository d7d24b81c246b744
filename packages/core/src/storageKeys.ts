/** Keys of the persisted state. The browser mirrors `anonymousId` to a cookie. */
export const STORAGE_KEYS = {
  anonymousId: 'tm_aid',
  userId: 'tm_uid',
  traits: 'tm_traits',
  deviceSeq: 'tm_dseq',
  session: 'tm_session',
  attribution: 'tm_attr',
} as const;
