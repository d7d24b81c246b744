// One build for every package. Library builds (ESM + CJS) keep dependencies external;
// the script-tag build bundles everything and mangles `_`-prefixed members (STYLE §4).
import typescript from '@rollup/plugin-typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { basename } from 'node:path';

const version = JSON.parse(readFileSync('packages/core/package.json', 'utf8')).version;

/** Resolves `@tidemark/x` to its source so bundles never depend on another package's dist. */
const workspaceSources = () => ({
  name: 'workspace-sources',
  resolveId(id) {
    const m = /^@tidemark\/([\w-]+)$/.exec(id);
    return m ? new URL(`packages/${m[1]}/src/index.ts`, import.meta.url).pathname : null;
  },
});

/** Replaces the `__VERSION__` token with the package version at build time. */
const versionToken = () => ({
  name: 'version-token',
  transform(code) {
    return code.includes('__VERSION__') ? { code: code.replaceAll('__VERSION__', JSON.stringify(version)), map: null } : null;
  },
});

const ts = (pkg) =>
  typescript({
    tsconfig: `packages/${pkg}/tsconfig.json`,
    include: ['packages/*/src/**/*.ts'],
    exclude: ['**/*.test.ts'],
    compilerOptions: {
      declaration: false,
      emitDeclarationOnly: false,
      declarationDir: undefined,
      rootDir: undefined,
      noEmit: false,
      noEmitOnError: true,
      // Type-check against sibling packages' sources, so no build order is needed.
      baseUrl: new URL('.', import.meta.url).pathname,
      paths: { '@tidemark/*': ['packages/*/src/index.ts'] },
    },
  });

const minify = () =>
  terser({
    ecma: 2020,
    module: true,
    compress: { passes: 3, pure_getters: true },
    mangle: { properties: { regex: /^_/ } },
    format: { comments: false },
  });

const nodeExternal = (id) =>
  builtinModules.includes(id) || id.startsWith('node:') || /^(@tidemark\/|zod|@duckdb\/|idb-keyval)/.test(id);

/**
 * Chunks of a library build with lazily imported modules: each gets a chunk of its own, with the
 * modules only it needs (re-exports by the package entry aside) and the public modules `joins`
 * names for it (those that import it statically: in the shared chunk they would make it load up
 * front, and import it in a cycle). The rest goes to `shared`. So an app that never takes the
 * lazy path drops the lazy chunk from its main bundle.
 */
const libChunks = (entry, joins) => (id, { getModuleInfo, getModuleIds }) => {
  if (id === entry || ![...getModuleIds()].some((m) => getModuleInfo(m).dynamicImporters.length)) return undefined;
  const owner = (m, seen) => {
    const info = getModuleInfo(m);
    const name = basename(m, '.ts');
    if (info.dynamicImporters.length) return name;
    if (joins[name]) return joins[name];
    const owners = new Set(info.importers.filter((i) => i !== entry && !seen.has(i)).map((i) => owner(i, new Set(seen).add(m))));
    return owners.size === 1 ? [...owners][0] : undefined;
  };
  return owner(id, new Set()) ?? 'shared';
};

/** ESM + CJS library build; dependencies stay imports. `joins`: see `libChunks`. */
const lib = (pkg, input = 'index', external = nodeExternal, joins = {}) => ({
  input: `packages/${pkg}/src/${input}.ts`,
  external,
  plugins: [versionToken(), ts(pkg)],
  // `dir`, not `file`: lazily imported modules become chunks of their own.
  output: ['mjs', 'cjs'].map((ext) => ({
    dir: `packages/${pkg}/dist`,
    entryFileNames: `[name].${ext}`,
    chunkFileNames: `[name].${ext}`,
    format: ext == 'mjs' ? 'es' : 'cjs',
    exports: 'named',
    manualChunks: libChunks(new URL(`packages/${pkg}/src/${input}.ts`, import.meta.url).pathname, joins),
  })),
});

/** Self-contained minified IIFE for a script tag. */
const iife = (pkg, input, file) => ({
  input: `packages/${pkg}/src/${input}.ts`,
  plugins: [workspaceSources(), versionToken(), nodeResolve({ browser: true }), ts(pkg), minify()],
  // One file: lazily imported modules are inlined.
  output: { file: `packages/${pkg}/dist/${file}`, format: 'iife', sourcemap: true, inlineDynamicImports: true },
});

/** Node entry (CLI or server), ESM only. */
const node = (pkg, input) => ({
  input: `packages/${pkg}/src/${input}.ts`,
  external: nodeExternal,
  plugins: [versionToken(), ts(pkg)],
  output: { file: `packages/${pkg}/dist/${input}.mjs`, format: 'es', banner: input === 'cli' ? '#!/usr/bin/env node' : '' },
});

/**
 * Resolves `@tidemark/x` as if installed from npm: through packages/x/package.json's `exports`
 * (node-resolve's self-reference), so an app bundles the built dist, never the sources.
 */
const installedPackages = () => ({
  name: 'installed-packages',
  resolveId(id, importer, options) {
    const m = /^@tidemark\/([\w-]+)$/.exec(id);
    return m ? this.resolve(id, new URL(`packages/${m[1]}/package.json`, import.meta.url).pathname, { ...options, skipSelf: true }) : null;
  },
});

const only = process.env.PKG; // e.g. PKG=core pnpm build, for a faster inner loop
const builds = [
  lib('core'),
  lib('browser'),
  iife('browser', 'script', 'tidemark.min.js'),
  // The public full-featured evaluation travels with the rare operators the plugin loads lazily.
  lib('experiments', 'index', nodeExternal, { evalCondition: 'conditionOperators', assignVariant: 'conditionOperators' }),
  iife('experiments', 'script', 'tidemark-experiments.min.js'),
  lib('schema'),
  node('schema', 'cli'),
  lib('collector'),
  node('collector', 'cli'),
  // An app bundling the packages as npm users do (examples/esm, e2e/esm.spec.ts): last, since it
  // reads the dist files built above; with code splitting, so the lazy chunks stay lazy. Its
  // input is not under packages/, so any PKG skips it: rebuild it with a full `pnpm build`.
  {
    input: 'examples/esm/main.js',
    external: ['/script-tag/live.js'], // the demo's live panel, served as is
    plugins: [installedPackages(), nodeResolve({ browser: true }), minify()],
    output: { dir: 'examples/esm/dist', format: 'es' },
  },
];
export default builds.filter((b) => !only || b.input.startsWith(`packages/${only}/`));
