export { createTracker, MAX_EVENT_BYTES } from './createTracker';
export { STORAGE_KEYS } from './storageKeys';
export type * from './types';
