// Core targets every JavaScript host (browsers, mini-programs, Node), so it declares only
// the few host globals it needs instead of pulling in the DOM or Node type libraries.
declare function setTimeout(handler: () => void, ms?: number): unknown;
declare function clearTimeout(id: unknown): void;
declare const console: { warn(...args: unknown[]): void };
/** Replaced with the package version at build time. */
declare const __VERSION__: string;
