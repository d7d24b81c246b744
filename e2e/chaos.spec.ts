// Chaos e2e (issue 3, "Proof"): three tabs of one site track 3 × N events with known IDs while
// the collector injects faults, the browser goes offline and online, one tab is reloaded while
// a batch is in flight and the sending tab is closed with unsent events. Once the faults stop
// and the remaining tabs settle, the collector must hold every event exactly once (by
// messageId dedupe) and its loss ledger must show no gap for the device.
//
// Choices:
// - The faults hit a collector of this test's own, never the shared one; the site server is its
//   own as well (e2e/chaos-servers.ts).
// - The SDK's default per-event-name rate limiter stays on (burst 1000, 100/s): each tab
//   tracks 100 events per second, which it lets through; `stats().dropped` must stay empty.
// - Duplicates received before dedupe are reported against issue 3's 1 % target, but asserted
//   only loosely, so the test is not flaky: at most 5 % of the stored events, not counting the
//   copies in `ackloss` answers (stored, then a 500: the client must resend them, by design).
//   The rest come from the reload (the batch in flight, the page-hide hand-off), whose number is
//   random too. Keepalive hand-offs made while a page unloads are invisible to Playwright, so
//   the wire figures undercount them; the collector's figures are the ones asserted.
// - Loss is judged by chaos_id. The loss ledger (`GET /v1/loss`) is checked too. Each tab counts
//   device.seq on its own from the stored value, so the three tabs reuse the same numbers
//   (printed as "values used by two tabs"), which would hide a lost event from the device
//   counter; each page load's stream (device.stream, device.streamSeq) would still show it.
import { writeFile } from 'node:fs/promises';
import type { Page, Request } from '@playwright/test';
import { test, expect } from './fixtures';
import { startChaosCollector, startChaosSite } from './chaos-servers';

/** Events per tab (issue 3 asks for N ≥ 3,000). */
const N = 3000;
const CHUNK = 100;
const STEPS = N / CHUNK;
/** One chunk per tab per step: 100 events/s, what the SDK's rate limiter refills. */
const STEP_MS = 1000;
/**
 * Fails 37 % of requests without storing (502, 503 and 429 with Retry-After, connection drops),
 * delays 5 % by 2 s, and stores-then-fails 2 % (`ackloss`: duplicates by design). No plain 500:
 * the test tells an ackloss by its status.
 */
const FAULTS = 'status=502:0.2,status=503:0.05,status=429:0.05,drop:0.05,delay=2000:0.05,ackloss:0.02';
/** Chaos schedule, by step (each tab tracks chunk `step` after the actions of that step). */
const OFFLINE_AT = new Set([3, 8, 14, 21, 26]);
const ONLINE_AT = new Set([5, 9, 17, 22]);
/** A blip: offline for 150 ms while sends are under way. */
const BLIP_AT = new Set([12, 19]);
const RELOAD_AFTER = 10;
/** How long the remaining tabs get to deliver everything once the faults stop. */
const SETTLE_MS = 110_000;
const MAX_DUPLICATE_RATIO = 0.05;

interface Stats {
  accepted: number;
  sent: number;
  queued: number;
  retries: number;
  invalid: number;
  errors: number;
  dropped: Record<string, number>;
  store: string;
}
type Sdk = { init(o: unknown): void; track(e: string, p: unknown): void; flush(): Promise<unknown>; stats(): Stats; identity(): { anonymousId: string } };

interface Tab {
  name: string;
  page: Page;
  /** One per page load: the SDK's counters start again after a reload. */
  loads: Array<{ label: string; stats?: Stats }>;
  closed: boolean;
}

const chaosId = (tab: string, i: number) => `${tab}-${String(i).padStart(4, '0')}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** `tab1-0001, tab1-0002, tab1-0003, tab2-0007` → `tab1-0001..0003, tab2-0007`, to print IDs readably. */
const ranges = (ids: string[]) => {
  const out: string[] = [];
  for (const id of [...ids].sort()) {
    const [tab, n] = [id.slice(0, id.lastIndexOf('-')), Number(id.slice(id.lastIndexOf('-') + 1))];
    const last = out.at(-1);
    const m = last && /^(.*)-(\d+)(?:\.\.(\d+))?$/.exec(last);
    if (m && m[1] === tab && Number(m[3] ?? m[2]) === n - 1) out[out.length - 1] = `${tab}-${m[2]}..${String(n).padStart(4, '0')}`;
    else out.push(id);
  }
  return out.join(', ');
};

const init = async (tab: Tab, endpoint: string, anonymousId: string) => {
  await tab.page.evaluate((endpoint) => (window.tidemark as unknown as Sdk).init({ writeKey: 'pk_chaos', endpoint, autoPage: false }), endpoint);
  // Same context, same cookie: every tab is the one device.
  await expect.poll(() => tab.page.evaluate(() => (window.tidemark as unknown as Sdk).identity?.()?.anonymousId)).toBe(anonymousId);
  tab.loads.push({ label: `${tab.name}#${tab.loads.length + 1}` });
};

const trackChunk = async (tab: Tab, step: number) => {
  const stats = await tab.page.evaluate(
    ({ name, from, to }) => {
      for (let i = from; i < to; i++) (window.tidemark as unknown as Sdk).track('Chaos Event', { chaos_id: `${name}-${String(i).padStart(4, '0')}`, tab: name, i });
      return (window.tidemark as unknown as Sdk).stats();
    },
    { name: tab.name, from: step * CHUNK, to: (step + 1) * CHUNK },
  );
  tab.loads.at(-1)!.stats = stats;
};

const snapshot = async (tab: Tab) => {
  tab.loads.at(-1)!.stats = await tab.page.evaluate(() => (window.tidemark as unknown as Sdk).stats());
};

/** Entries left in the shared IndexedDB queue (every tab of the origin sees the same store). */
const storedQueue = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<string[]>((done, fail) => {
        const open = indexedDB.open('tidemark');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('queue')) return done([]);
          const req = db.transaction('queue').objectStore('queue').getAll();
          req.onsuccess = () => {
            const ids = (req.result as Array<{ event?: { properties?: { chaos_id?: string } } }>).map((e) => e.event?.properties?.chaos_id ?? '?');
            db.close();
            done(ids);
          };
          req.onerror = () => fail(req.error);
        };
      }),
  );

test('chaos: 3 tabs × 3,000 events through faults, offline periods, a reload mid-flush and a closed sender arrive exactly once', async ({
  page,
  context,
  anonymousId,
}) => {
  test.setTimeout(240_000);
  const started = Date.now();
  const timeline: string[] = [];
  const mark = (what: string) => timeline.push(`${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s  ${what}`);

  // CHAOS_SDK=/path/to/tidemark.min.js serves another build to the tabs: a candidate fix can be
  // tried under the same chaos without rebuilding the shared dist.
  const candidate = process.env.CHAOS_SDK;
  if (candidate) await context.route('**/tidemark.min.js', (route) => route.fulfill({ path: candidate, contentType: 'text/javascript' }));
  // The chaos page takes its endpoint from the test's init() call, so the site can start first.
  const site = await startChaosSite('http://127.0.0.1:9');
  const collector = await startChaosCollector({ cors: site.url, faults: FAULTS }).catch(async (error: unknown) => {
    await site.close();
    throw error;
  });
  mark(`site ${site.url}, collector ${collector.url} --faults ${FAULTS}${candidate ? `; SDK from ${candidate}` : ''}`);
  try {
    // What the browser put on the wire, seen from Playwright: event copies per request, and
    // which tab sent them (the elected sender).
    const net = { requests: 0, copies: 0, byTab: {} as Record<string, number>, outcomes: {} as Record<string, number>, acklossCopies: 0, failedCopies: 0, lastSender: '' };
    /** One line per request: time sent, tab, events, outcome (in the attached report). */
    const wire = new Map<Request, { t: string; tab: string; events: number; outcome?: string }>();
    const at = () => ((Date.now() - started) / 1000).toFixed(1);
    const posted = new Set<string>();
    /** chaos_id → who got the first 200 for it; a later request carrying it is an avoidable resend. */
    const acked = new Map<string, string>();
    const resentAfterAck = new Map<string, number>();
    const tabOf = new Map<Page, Tab>();
    const isBatch = (r: Request) => r.method() === 'POST' && r.url() === `${collector.url}/v1/batch`;
    const batchIds = (r: Request): string[] => {
      try {
        const body = JSON.parse(r.postData() ?? '{}') as { batch?: Array<{ properties?: { chaos_id?: string } }> };
        return (body.batch ?? []).map((e) => e.properties?.chaos_id ?? '?');
      } catch {
        return [];
      }
    };
    const count = (key: string, n = 1) => (net.outcomes[key] = (net.outcomes[key] ?? 0) + n);
    context.on('request', (r) => {
      if (!isBatch(r)) return;
      const ids = batchIds(r);
      net.requests++;
      net.copies += ids.length;
      for (const id of ids) posted.add(id);
      let name = '?';
      try {
        name = tabOf.get(r.frame().page())?.name ?? '?';
      } catch {
        // A request of a page already gone.
      }
      for (const id of ids) {
        const by = acked.get(id);
        if (by) resentAfterAck.set(`acked by ${by}, resent by ${name}`, (resentAfterAck.get(`acked by ${by}, resent by ${name}`) ?? 0) + 1);
      }
      net.byTab[name] = (net.byTab[name] ?? 0) + 1;
      net.lastSender = name;
      wire.set(r, { t: at(), tab: name, events: ids.length });
    });
    // The SDK reads the status and Retry-After, never the body: Chromium then keeps an answered
    // request open until the page goes, and reports it as failed (ERR_ABORTED) on reload or close.
    const answered = new WeakSet<Request>();
    context.on('requestfailed', (r) => {
      if (!isBatch(r) || answered.has(r)) return;
      const error = r.failure()?.errorText ?? 'failed';
      count(error);
      net.failedCopies += batchIds(r).length;
      const w = wire.get(r);
      if (w) w.outcome = `${error} at ${at()}`;
      else count('failed, never seen as a request');
    });
    context.on('response', (res) => {
      if (!isBatch(res.request())) return;
      answered.add(res.request());
      // FAULTS uses 502/503/429 for plain errors, so a 500 is always an ackloss: stored, answer lost.
      const status = res.status();
      const outcome = status === 500 ? 'ackloss 500' : `HTTP ${status}`;
      count(outcome);
      if (status === 500) net.acklossCopies += batchIds(res.request()).length;
      const w = wire.get(res.request());
      if (w) w.outcome = `${outcome} at ${at()}`;
      if (status === 200) for (const id of batchIds(res.request())) if (!acked.has(id)) acked.set(id, w?.tab ?? '?');
    });

    const errors: string[] = [];
    const open = async (name: string, p?: Page): Promise<Tab> => {
      const tabPage = p ?? (await context.newPage());
      const tab: Tab = { name, page: tabPage, loads: [], closed: false };
      tabOf.set(tabPage, tab);
      // `page` (tab1) is also guarded by the pageErrors fixture; the other tabs by this.
      if (p !== page) tabPage.on('pageerror', (e) => errors.push(`${name}: ${e.message}`));
      await tabPage.goto(`${site.url}/chaos/`);
      await init(tab, collector.url, anonymousId);
      return tab;
    };
    // Opened in order, so tab1 takes the sender lock first and tab2 is next in line.
    const tabs = [await open('tab1', page), await open('tab2'), await open('tab3')];
    const [tab1] = tabs as [Tab, Tab, Tab];
    mark('3 tabs open and initialised');

    let offline = false;
    const setOffline = async (on: boolean) => {
      offline = on;
      await context.setOffline(on);
      mark(on ? 'offline' : 'online');
    };

    for (let step = 0; step < STEPS; step++) {
      const stepStart = Date.now();
      if (OFFLINE_AT.has(step)) await setOffline(true);
      if (ONLINE_AT.has(step)) await setOffline(false);
      if (BLIP_AT.has(step)) {
        await setOffline(true);
        await sleep(150);
        await setOffline(false);
      }
      await Promise.all(tabs.filter((t) => !t.closed).map((t) => trackChunk(t, step)));

      if (step === RELOAD_AFTER) {
        // Reload mid-flush: the collector holds its answers back for a moment, tab1 (the sender)
        // flushes, and the page reloads while that batch is stored but not yet acknowledged.
        expect(offline).toBe(false);
        const sender = net.lastSender;
        await collector.setFaults('delay=1500:1');
        const inFlight = tab1.page.waitForRequest(isBatch, { timeout: 8000 }).then(
          (r) => r,
          () => undefined,
        );
        await tab1.page.evaluate(() => void (window.tidemark as unknown as Sdk).flush());
        const req = await inFlight;
        mark(`tab1 reload (sender so far: ${sender}; batch in flight: ${req ? `${batchIds(req).length} events` : 'none within 8 s'})`);
        await tab1.page.reload();
        await collector.setFaults(FAULTS);
        await init(tab1, collector.url, anonymousId);
        mark('tab1 reloaded and initialised again');
      }
      await sleep(STEP_MS - (Date.now() - stepStart));
    }
    mark(`all ${3 * N} events tracked`);
    expect(offline).toBe(true);

    // Close the tab that was sending, with unsent events (everything tracked since going offline,
    // its own included): the lock passes on and the next tab must take over the shared queue.
    // Half a second after its last track(): far beyond the "persisted within one task" promise.
    const victim = tabs.find((t) => t.name === net.lastSender) ?? tabs[2]!;
    await sleep(500);
    await snapshot(victim);
    await victim.page.close();
    victim.closed = true;
    mark(`${victim.name} closed (last sender: ${net.lastSender}; its queue held ${victim.loads.at(-1)!.stats!.queued} events)`);
    await sleep(2000);
    await setOffline(false);
    await collector.setFaults('');
    mark('faults cleared');

    // Settle: the remaining tabs deliver on their own (their timers, backoff, online event).
    const settleStart = Date.now();
    let stats = await collector.stats();
    while (stats.stored < 3 * N && Date.now() - settleStart < SETTLE_MS) {
      await sleep(1000);
      stats = await collector.stats();
    }
    mark(`settled: ${stats.stored} stored after ${((Date.now() - settleStart) / 1000).toFixed(1)} s`);
    // Late answers or resends (a beacon's duplicate) may still be under way: let them land.
    await sleep(1500);
    const live = tabs.filter((t) => !t.closed);
    await Promise.all(live.map(snapshot));
    stats = await collector.stats();
    const [events, loss] = await Promise.all([collector.events(anonymousId), collector.loss()]);
    const leftInQueue = await storedQueue(live[0]!.page);

    // Exactly once, by chaos_id.
    const seen = new Map<string, number>();
    for (const e of events) {
      const id = String(e.properties?.chaos_id);
      seen.set(id, (seen.get(id) ?? 0) + 1);
    }
    const expected = tabs.flatMap((t) => Array.from({ length: N }, (_, i) => chaosId(t.name, i)));
    const missing = expected.filter((id) => !seen.has(id));
    const twice = [...seen].filter(([, n]) => n > 1).map(([id]) => id);
    const expectedSet = new Set(expected);
    const unexpected = [...seen.keys()].filter((id) => !expectedSet.has(id));
    // The loss ledger's view: device.seq of one device shared by three tabs.
    const seqs = events.map((e) => e.context.device.seq);
    const distinctSeq = new Set(seqs).size;
    const maxSeq = Math.max(...seqs);
    // The ledger's other view: each page load's own counter, which no other tab shares.
    const streams = new Map<string, number[]>();
    for (const e of events) streams.set(e.context.device.stream, [...(streams.get(e.context.device.stream) ?? []), e.context.device.streamSeq]);
    const streamGaps = [...streams.values()].reduce((sum, seq) => sum + Math.max(...seq) - new Set(seq).size, 0);
    const sdkStats = tabs.flatMap((t) => t.loads.map((l) => ({ label: l.label, ...l.stats })));
    const sum = (key: 'sent' | 'retries' | 'accepted') => sdkStats.reduce((s, x) => s + (x[key] ?? 0), 0);
    const ratio = stats.stored ? stats.duplicates / stats.stored : 0;
    const sdkDuplicates = Math.max(0, stats.duplicates - net.acklossCopies);
    const sdkRatio = stats.stored ? sdkDuplicates / stats.stored : 0;
    const seconds = (Date.now() - started) / 1000;

    const report = {
      events: 3 * N,
      wire: { log: [...wire.values()].map((w) => `${w.t} s ${w.tab} ${w.events} events → ${w.outcome ?? 'no answer seen'}`), requests: net.requests, eventCopiesPosted: net.copies, requestsByTab: net.byTab, outcomes: net.outcomes },
      sdk: { accepted: sum('accepted'), sentAcknowledged: sum('sent'), retries: sum('retries'), perLoad: sdkStats },
      collector: stats,
      stored: events.length,
      lost: missing.length,
      storedTwice: twice.length,
      duplicatesBeforeDedupe: stats.duplicates,
      duplicateRatio: ratio,
      duplicatesFromAckloss: net.acklossCopies,
      copiesInFailedRequests: net.failedCopies,
      resentAfterAck: Object.fromEntries(resentAfterAck),
      duplicatesOther: sdkDuplicates,
      duplicateRatioOther: sdkRatio,
      deviceSeq: { max: maxSeq, distinct: distinctSeq, sharedByTwoTabs: events.length - distinctSeq },
      streams: { count: streams.size, gaps: streamGaps },
      loss,
      leftInQueue: leftInQueue.length,
      runSeconds: seconds,
      timeline,
    };
    // Also a file in the test's output folder (`--output` keeps runs apart).
    const reportFile = test.info().outputPath('chaos-report.json');
    await writeFile(reportFile, JSON.stringify(report, null, 2));
    await test.info().attach('chaos-report.json', { path: reportFile, contentType: 'application/json' });
    const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
    console.log(
      [
        '',
        `chaos: ${tabs.length} tabs × ${N} events, faults ${FAULTS}`,
        ...timeline,
        `  events tracked:         ${3 * N} (SDK accepted ${sum('accepted')})`,
        `  events sent:            ${net.copies} event copies in ${net.requests} requests (by tab: ${JSON.stringify(net.byTab)})`,
        `  request outcomes:       ${JSON.stringify(net.outcomes)}`,
        `  SDK acknowledged:       ${sum('sent')} (retries ${sum('retries')}); per page load: ${sdkStats.map((s) => `${s.label} sent ${s.sent} queued ${s.queued} retries ${s.retries} dropped ${JSON.stringify(s.dropped)}`).join('; ')}`,
        `  collector received:     ${stats.received} (stored ${stats.stored}, faulted requests ${stats.faulted}, rejected ${stats.rejected})`,
        `  stored for the device:  ${events.length}`,
        `  lost:                   ${missing.length}${missing.length ? ` (${ranges(missing)}; ${missing.filter((id) => posted.has(id)).length} of them were posted at least once, ${missing.filter((id) => leftInQueue.includes(id)).length} still in IndexedDB)` : ''}`,
        `  duplicates (pre-dedupe): ${stats.duplicates} = ${pct(ratio)} of stored (target ≤ 1 %); ${net.acklossCopies} were copies in ackloss answers, the other ${sdkDuplicates} = ${pct(sdkRatio)} (asserted ≤ ${pct(MAX_DUPLICATE_RATIO)})`,
        `  answers lost in transit: ${net.failedCopies} event copies in requests that failed on the network (reload, offline, drop: stored or not, the client can't tell)`,
        `  resent after a 200:     ${[...resentAfterAck.values()].reduce((a, b) => a + b, 0)} ${JSON.stringify(Object.fromEntries(resentAfterAck))}`,
        `  loss ledger:            ${JSON.stringify(loss)}; device.seq max ${maxSeq}, distinct ${distinctSeq}, values used by two tabs ${events.length - distinctSeq}; ${streams.size} streams, ${streamGaps} stream gaps`,
        `  left in IndexedDB:      ${leftInQueue.length}`,
        `  run time:               ${seconds.toFixed(1)} s`,
        '',
      ].join('\n'),
    );

    expect(errors).toEqual([]);
    for (const s of sdkStats) {
      expect(s.dropped, `${s.label} dropped nothing`).toEqual({});
      expect(s.errors, `${s.label} reported no errors`).toBe(0);
      expect(s.store, `${s.label} queued in IndexedDB`).toBe('indexeddb');
    }
    expect(missing.length, `lost: ${ranges(missing)}`).toBe(0);
    expect(twice.length, `stored twice: ${ranges(twice)}`).toBe(0);
    expect(unexpected).toEqual([]);
    expect(events.length).toBe(3 * N);
    expect(stats.stored).toBe(3 * N); // nothing stored under another anonymousId
    expect(events.every((e) => e.anonymousId === anonymousId)).toBe(true);
    expect(loss.devices.filter((d) => d.anonymousId === anonymousId)).toEqual([]);
    expect(loss.missing).toBe(0);
    expect(maxSeq).toBe(distinctSeq);
    expect(streams.size).toBe(4); // one per page load: 3 tabs, one reloaded
    expect(streamGaps).toBe(0);
    expect(sdkRatio).toBeLessThanOrEqual(MAX_DUPLICATE_RATIO);
    // Every acknowledged event left the shared queue.
    await expect.poll(async () => (await storedQueue(live[0]!.page)).length).toBe(0);
  } finally {
    await Promise.all([collector.close(), site.close()]);
  }
});
