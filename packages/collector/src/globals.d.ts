// The build type-checks sibling packages' sources (root rollup paths), and core's source
// uses this build-time token.
declare const __VERSION__: string;
