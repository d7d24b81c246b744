import { test, expect, flush, label, sdkLoaded } from './fixtures';

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
}

test('the SDK works under a strict CSP with Trusted Types, without a single violation', async ({ page, anonymousId, collector }) => {
  // Init scripts run before the page's own and are not subject to its CSP.
  await page.addInitScript(() => {
    const seen: Violation[] = [];
    (window as unknown as { violations: Violation[] }).violations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample }));
  });
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') consoleErrors.push(m.text());
  });
  const violations = () => page.evaluate(() => (window as unknown as { violations: Violation[] }).violations);

  await page.goto('/script-tag/csp.html');
  await sdkLoaded(page);
  await page.fill('[data-login] input', 'csp@example.com');
  await page.click('[data-login] button');
  await flush(page);

  await expect.poll(async () => (await collector.events(anonymousId)).map(label)).toEqual([
    'page /script-tag/csp.html',
    'track Product List Viewed', // called by shop.js before the SDK's async tag had loaded
    expect.stringMatching(/^identify u_\w+$/),
  ]);
  // The live panel reads the collector too (connect-src): give it one poll.
  await expect(page.locator('.live li')).toHaveCount(3);
  expect(await violations()).toEqual([]);
  expect(consoleErrors).toEqual([]);

  // The policy is really in force: a request it does not allow is reported.
  await page.evaluate(() => fetch('http://127.0.0.1:9/').catch(() => undefined));
  await expect.poll(violations).toEqual([expect.objectContaining({ directive: 'connect-src', blocked: 'http://127.0.0.1:9/' })]);
});
