import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// Tests import workspace packages from source, so no build is needed to run them.
const alias = [{ find: /^@tidemark\/([\w-]+)$/, replacement: fileURLToPath(new URL('./packages/$1/src/index.ts', import.meta.url)) }];
const define = { __VERSION__: JSON.stringify('0.0.0-test') };

export default defineConfig({
  resolve: { alias },
  define,
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'browser',
          environment: 'happy-dom',
          include: ['packages/{core,browser,experiments}/src/**/*.test.ts', 'packages/{core,browser,experiments}/test/**/*.test.ts'],
          setupFiles: ['fake-indexeddb/auto'],
        },
      },
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['packages/{schema,collector}/src/**/*.test.ts', 'packages/{schema,collector}/test/**/*.test.ts', 'scripts/**/*.test.ts'],
          testTimeout: 20_000,
        },
      },
    ],
  },
});
