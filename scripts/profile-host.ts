/**
 * Where the host page's main-thread time goes: the bench's busy customers list (`bench/host.ts`:
 * 5,000 customers, 500 rows a page, a 1,000 mutations/s feed, its clicker paging), one 8 s CPU
 * profile of the tab, each sample given to the innermost `chrome-extension://` frame on its stack
 * (so layout or a hit test our code forced counts as ours). `SIDE=plain` profiles the same page
 * without the extension. Needs `npm run build`. A diagnosis tool, not a figure: `npm run bench`
 * measures the host cost (docs/bench.md).
 *
 * `TRACE=1`: a trace of the renderer's main thread instead, each event name's total time (nested
 * events overlap: `RunTask` holds the rest). Run it with and without (`SIDE=plain`) and compare:
 * what the extension adds is in `FunctionCall` (its callbacks) and `FireAnimationFrame` (its frame
 * callbacks; the page has none), not in style, layout or paint.
 */
import type { BrowserContext } from 'playwright-core';
import { PORTAL_PATHS, servePortal } from '../test/fixtures/portal-server';
import { launchBench, launchPlain, seed } from './bench/browser';
import { BUSY_LIST, CLICKER, trackedOnBusyList } from './bench/host';

const withExt = process.env.SIDE !== 'plain';
const tracked = trackedOnBusyList();
let context: BrowserContext;
let close: () => Promise<void>;
if (withExt) {
  const b = await launchBench();
  await seed(b, tracked);
  context = b.context;
  close = () => b.close();
} else {
  const p = await launchPlain();
  context = p.context;
  close = p.close;
}
await servePortal(context, BUSY_LIST);
await context.addInitScript(CLICKER);
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
if (process.env.TRACE) {
  await traceMainThread();
  await close();
  process.exit(0);
}
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await cdp.send('Performance.enable');
await cdp.send('Profiler.start');
await page.goto(`https://partner.microsoft.com${PORTAL_PATHS.customers}`, { waitUntil: 'commit' });
await page.waitForTimeout(8000);
const { profile } = await cdp.send('Profiler.stop');
const metrics = (await cdp.send('Performance.getMetrics')).metrics.filter((m) => /^(Task|Script|Layout|RecalcStyle)Duration$/.test(m.name));
console.log(metrics.map((m) => `${m.name} ${Math.round(m.value * 1000)} ms`).join(', '));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const spent = new Map<string, number>();
for (let i = 0; i < (profile.samples ?? []).length; i++) {
  const ms = (profile.timeDeltas?.[i + 1] ?? 0) / 1000;
  let id: number | undefined = profile.samples![i];
  const leaf = byId.get(id!)!.callFrame;
  let ours: string | undefined;
  for (; id !== undefined && !ours; id = parent.get(id)) {
    const f = byId.get(id)!.callFrame;
    if (f.url.startsWith('chrome-extension://')) ours = `ext ${f.url.split('/').pop()} ${f.functionName || '(anonymous)'}:${f.lineNumber}:${f.columnNumber}${leaf.url ? '' : ` → ${leaf.functionName}`}`;
  }
  const key = ours ?? (leaf.url ? 'page' : leaf.functionName || 'page');
  spent.set(key, (spent.get(key) ?? 0) + ms);
}
const rows = [...spent].sort((a, b) => b[1] - a[1]);
const byFile = new Map<string, number>();
for (const [k, v] of rows) if (k.startsWith('ext ')) byFile.set(k.split(' ')[1]!, (byFile.get(k.split(' ')[1]!) ?? 0) + v);
console.log(`extension, sampled: ${Math.round([...byFile.values()].reduce((a, b) => a + b, 0))} ms`);
console.log([...byFile].sort((a, b) => b[1] - a[1]).map(([f, v]) => `${f} ${Math.round(v)}`).join(', '));
for (const [k, v] of rows.slice(0, Number(process.env.TOP ?? 30))) console.log(`${String(Math.round(v)).padStart(6)} ${k}`);
await close();

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  args?: { name?: string };
}

async function traceMainThread(): Promise<void> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', { categories: 'toplevel,devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,blink', transferMode: 'ReportEvents' });
  await page.goto(`https://partner.microsoft.com${PORTAL_PATHS.customers}`, { waitUntil: 'commit' });
  await page.waitForTimeout(8000);
  await cdp.send('Tracing.end');
  await complete;
  const thread = (e: TraceEvent) => `${e.pid}:${e.tid}`;
  const mains = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map(thread));
  // The busiest renderer main thread is the tab's (others: the extension's pages, if any).
  const busy = new Map<string, number>();
  for (const e of events) if (e.ph === 'X' && e.name === 'RunTask' && mains.has(thread(e))) busy.set(thread(e), (busy.get(thread(e)) ?? 0) + (e.dur ?? 0));
  const main = [...busy].sort((a, b) => b[1] - a[1])[0]?.[0];
  const total = new Map<string, number>();
  for (const e of events) if (e.ph === 'X' && thread(e) === main) total.set(e.name, (total.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
  for (const [name, ms] of [...total].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 30))) console.log(`${String(Math.round(ms)).padStart(6)} ms ${name}`);
}
