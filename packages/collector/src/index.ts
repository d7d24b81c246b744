export { startCollector, COLLECTOR_DEFAULTS } from './startCollector';
export { parseFaults, pickFault } from './parseFaults';
export type { Fault, ParseFaultsResult } from './parseFaults';
export type { Collector, CollectorOptions, CollectorStats, DeviceLoss, LossReport, RateLimit } from './types';
