import { defineConfig } from '@playwright/test';
import { COLLECTOR, COLLECTOR_PORT, SITE, SITE_PORT } from './e2e/servers';

// Browser tests against the real collector and the example sites. Run `pnpm build` first:
// the pages load packages/browser/dist/tidemark.min.js and the collector runs from its dist.
export default defineConfig({
  testDir: './e2e',
  workers: 1,
  reporter: [['list'], ['json', { outputFile: 'reports/playwright.json' }]],
  // Events reach the collector in batches; polls wait up to 10 s for them.
  expect: { timeout: 10_000 },
  use: {
    baseURL: SITE,
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: [
    {
      // In memory: every run starts empty. Rate limiting off: tests send bursts from one write key.
      command: `node packages/collector/dist/cli.mjs --port ${COLLECTOR_PORT} --db :memory: --cors ${SITE} --rate-limit off`,
      url: `${COLLECTOR}/healthz`,
      reuseExistingServer: !process.env.CI,
      timeout: 30_000,
    },
    {
      command: `node scripts/serve.mjs --port ${SITE_PORT} --endpoint ${COLLECTOR}`,
      url: `${SITE}/script-tag/`,
      reuseExistingServer: !process.env.CI,
      timeout: 30_000,
    },
  ],
});
