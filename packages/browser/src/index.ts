export { createTracker } from './createTracker';
export { createBrowserPlatform } from './createBrowserPlatform';
export type { BrowserTrackerOptions } from './createTracker';
export type { BrowserPlatformOptions } from './createBrowserPlatform';
export type * from '@tidemark/core';
