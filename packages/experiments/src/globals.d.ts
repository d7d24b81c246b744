// Type-checking core's source inside this package's build needs core's build-time token.
declare const __VERSION__: string;
