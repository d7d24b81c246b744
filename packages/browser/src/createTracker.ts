import { createTracker as createCoreTracker } from '@tidemark/core';
import type { Plugin, Tracker, TrackerOptions } from '@tidemark/core';
import { autoPageviews } from './autoPageviews';
import { createBrowserPlatform, type BrowserPlatformOptions } from './createBrowserPlatform';

/** Options of the browser tracker: core's options, with the platform made for you. */
export interface BrowserTrackerOptions extends Omit<TrackerOptions, 'platform'>, BrowserPlatformOptions {
  /** Defaults to the browser platform. */
  platform?: TrackerOptions['platform'];
  /** Record a page view now and on every single-page-app route change. Default true. */
  autoPage?: boolean;
}

const pageviewsPlugin = (): Plugin => {
  let stop = () => {};
  return {
    name: 'pageviews',
    setup({ tracker }) {
      tracker.page();
      stop = autoPageviews(tracker);
    },
    teardown: () => stop(),
  };
};

/**
 * Creates a tracker for the browser. Safe to call during server-side rendering: without a DOM
 * it returns a tracker that accepts nothing.
 */
export const createTracker = (options: BrowserTrackerOptions): Tracker => {
  let platform = options?.platform;
  try {
    platform ??= createBrowserPlatform(options);
  } catch {
    // No DOM (server-side rendering, workers): core turns a missing platform into an inert tracker.
  }
  const plugins = [...(options?.plugins ?? [])];
  if (options?.autoPage !== false) plugins.unshift(pageviewsPlugin());
  return createCoreTracker({ ...options, platform: platform!, plugins });
};
