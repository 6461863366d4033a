// The Waveform area on a long tape, in Chromium against the built browser host, as a user meets it: the time
// from choosing the file to the analysed waveform on screen (upload, decoding and first paint included), then
// zoom steps (+ and −) and wheel scrolling, timed in the page.
// Run: node test/bench/waveform-view.bench.ts [--minutes N] [--profile] [--trace] [--keep] [--shots DIR]
//   default 180 minutes, 48 kHz mono; --profile prints the page's JavaScript functions by self time while
//   zooming and scrolling; --trace records a Chromium performance trace of the zoom steps and of the scrolling
//   and prints the busiest threads and the page's main thread's self time (script, layout, paint, layer
//   updates); --keep leaves the tape in the temporary folder and uses it again next time (it takes a minute
//   or two to write); screenshots of the tape at the whole tape, bytes and single cycles go to --shots
//   (default test-results/).
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { HAVE_CHROMIUM, launchChromium } from '../support/browser.ts';
import { writeLongTape } from '../support/long-tape.ts';
import { showTreeMemory, treeMemory } from '../support/process-memory.ts';
import { startBuiltWebHost } from '../support/web-host-process.ts';

const RATE = 48_000;
const arg = (name: string): string | undefined => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const MINUTES = Number(arg('--minutes') ?? 180);
const PROFILE = process.argv.includes('--profile');
const TRACE = process.argv.includes('--trace');
const SHOTS = arg('--shots') ?? join(import.meta.dirname, '../../test-results');
const GOAL_OPEN_PER_HOUR = 2000;
const GOAL_STEP = 50;
const GOAL_FRAME = 1000 / 60;

if (!HAVE_CHROMIUM) {
  console.log('waveform-view: skipped, /usr/bin/chromium is missing');
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'sbl-wave-bench-'));
const KEEP = process.argv.includes('--keep');
const file = KEEP ? join(tmpdir(), `sbl-bench-tape-${MINUTES}min.wav`) : join(dir, `tape-${MINUTES}min.wav`);
if (!KEEP || !existsSync(file)) {
  const written = performance.now();
  const size = await writeLongTape(file, { seconds: MINUTES * 60, sampleRate: RATE, dropoutEvery: 97 });
  console.log(
    `wrote ${MINUTES} min at ${RATE} Hz mono: ${(size / 1024 / 1024).toFixed(0)} MB in ` +
      `${((performance.now() - written) / 1000).toFixed(1)} s`,
  );
}
/** The browser host's resident memory, and that of its child processes (tapes, a SHA-1 being taken). */
const hostRss = (): string => showTreeMemory(treeMemory(host.process.pid!));

// Everything here is wall time on a shared machine: say how busy it was.
const load = (): string =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
console.log(`load average before the run: ${load()} (${cpus().length} cores)`);
const host = await startBuiltWebHost(dir);
const browser = await launchChromium();
const stats = (values: number[]): { mean: number; median: number; worst: number; p95: number } => {
  const sorted = [...values].sort((a, b) => a - b);
  const pick = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return {
    mean: values.reduce((a, b) => a + b, 0) / Math.max(1, values.length),
    median: pick(0.5),
    worst: sorted.at(-1) ?? 0,
    p95: pick(0.95),
  };
};
const ms = (value: number): string => `${value.toFixed(1)} ms`;
const verdict = (ok: boolean): string => (ok ? 'meets the goal' : 'MISSES the goal');

/** Prints the functions the page spent most time in since the profiler was started. */
async function printProfile(session: CDPSession): Promise<void> {
  const { profile } = await session.send('Profiler.stop');
  const self = new Map<string, number>();
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const dt = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, i) => {
    const node = byId.get(id);
    if (!node) return;
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || '(anonymous)'} ${url.split('/').pop() ?? ''}:${lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
  });
  const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15);
  console.log('profile of the page, self time while zooming and scrolling:');
  for (const [name, time] of top) console.log(`  ${time.toFixed(0).padStart(7)} ms  ${name}`);
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string };
}

/**
 * Runs `work` under a Chromium performance trace and prints the busiest threads (wall time in their tasks) and
 * where the page's main thread spent its time: self time per trace event (a function call's time without the
 * layout or paint it caused, and so on).
 */
async function traced<T>(browser: Browser, page: Page, label: string, work: () => Promise<T>): Promise<T> {
  if (!TRACE) return work();
  await browser.startTracing(page, { categories: ['devtools.timeline', 'v8.execute', 'blink.user_timing'] });
  const began = performance.now();
  const result = await work();
  const wall = performance.now() - began;
  const events = (JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] })
    .traceEvents;
  // Self time per event on each thread: an event's duration less that of the events inside it.
  const names = new Map<string, string>();
  for (const e of events)
    if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args?.name ?? '?');
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    if (e.ph !== 'X' || !(e.dur && e.dur > 0)) continue;
    const key = `${e.pid}:${e.tid}`;
    const list = byThread.get(key);
    if (list) list.push(e);
    else byThread.set(key, [e]);
  }
  const busy = new Map<string, number>();
  let self = new Map<string, number>();
  for (const [key, spans] of byThread) {
    const thread = names.get(key) ?? key;
    const mine = new Map<string, number>();
    const open: { end: number; name: string }[] = [];
    spans.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
    for (const span of spans) {
      const dur = (span.dur ?? 0) / 1000;
      while (open.length > 0 && (open.at(-1)?.end ?? 0) <= span.ts) open.pop();
      const parent = open.at(-1);
      if (parent) mine.set(parent.name, (mine.get(parent.name) ?? 0) - dur);
      else busy.set(thread, (busy.get(thread) ?? 0) + dur);
      mine.set(span.name, (mine.get(span.name) ?? 0) + dur);
      open.push({ end: span.ts + (span.dur ?? 0), name: span.name });
    }
    if (thread === 'CrRendererMain' && mine.size > self.size) self = mine;
  }
  const threads = [...busy.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5);
  console.log(
    `trace of ${label}: ${wall.toFixed(0)} ms; busy threads: ` +
      threads.map(([name, time]) => `${name} ${time.toFixed(0)} ms`).join(', '),
  );
  const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10);
  console.log(
    `  the page's main thread, self time: ${top.map(([n, t]) => `${n} ${t.toFixed(0)} ms`).join(', ')}`,
  );
  return result;
}

/** Gaps between 180 frames of the page as it is, or with a bare canvas over it filled every frame. */
function anchorGaps(page: Page, fill: boolean): Promise<number[]> {
  return page.evaluate(async (fill) => {
    const overlay = document.querySelector<HTMLCanvasElement>('[data-testid=overlay]');
    const canvas = document.createElement('canvas');
    canvas.width = overlay?.width ?? 1000;
    canvas.height = overlay?.height ?? 500;
    canvas.style.cssText = 'position:fixed;left:0;top:0;z-index:99';
    if (fill) document.body.append(canvas);
    const ctx = canvas.getContext('2d');
    const gaps: number[] = [];
    let last = await new Promise<number>((resolve) => requestAnimationFrame(resolve));
    while (gaps.length < 180) {
      const now = await new Promise<number>((resolve) => requestAnimationFrame(resolve));
      if (fill && ctx) {
        ctx.clearRect(0, 0, canvas.width, canvas.height);
        ctx.fillStyle = gaps.length % 2 ? '#345' : '#543';
        ctx.fillRect(0, 0, canvas.width, canvas.height);
      }
      gaps.push(now - last);
      last = now;
    }
    canvas.remove();
    return gaps;
  }, fill);
}

/**
 * Clicks a control and times until the view has first repainted (from the data at hand, rescaled) and until
 * it has painted the new range with its own data. Without a control, the anchor: the wait for the next frame.
 */
async function step(page: Page, label: string | null): Promise<{ first: number; done: number }> {
  return page.evaluate(async (name) => {
    const overlay = document.querySelector<HTMLCanvasElement>('[data-testid=overlay]');
    const button = name ? document.querySelector<HTMLButtonElement>(`button[aria-label="${name}"]`) : null;
    if (!overlay || (name && !button)) throw new Error('no waveform');
    const started = performance.now();
    button?.click();
    // The view paints in the next frame, after callbacks asked for before the click: wait for it to run.
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    const first = performance.now() - started;
    for (;;) {
      if (overlay.dataset.ready === '1') break;
      await new Promise((resolve) => requestAnimationFrame(resolve));
      if (performance.now() - started > 20_000) throw new Error('the view did not settle');
    }
    return { first, done: performance.now() - started };
  }, label);
}

try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(host.url);
  await page.getByTestId('connection').filter({ hasText: 'connected' }).waitFor();
  await page.keyboard.press('Alt+2');
  const rssBefore = hostRss();
  // Marks in the page: the tape is open (and decoded as its upload arrives) when the progress bar appears, the
  // analysis is over when the waveform appears, and the whole open when it has painted with its data.
  await page.evaluate(() => {
    const marks: Record<string, number> = { chosen: performance.now() };
    (window as unknown as { marks: typeof marks }).marks = marks;
    new MutationObserver(() => {
      if (!marks.uploaded && document.querySelector('[data-testid=tape-progress]'))
        marks.uploaded = performance.now();
      if (!marks.analysed && document.querySelector('[data-testid=overlay]'))
        marks.analysed = performance.now();
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  const started = performance.now();
  await page
    .getByRole('region', { name: 'Waveform', exact: true })
    .locator('input[type=file]')
    .setInputFiles(file);
  await page.locator('[data-testid=overlay][data-ready="1"]').waitFor({ timeout: 600_000 });
  const openMs = performance.now() - started;
  const marks = await page.evaluate(() => {
    const m = (window as unknown as { marks: Record<string, number> }).marks;
    return { upload: (m.uploaded ?? 0) - (m.chosen ?? 0), analysis: (m.analysed ?? 0) - (m.uploaded ?? 0) };
  });
  const perHour = openMs / (MINUTES / 60);
  console.log(
    `open: ${(openMs / 1000).toFixed(2)} s from choosing the file to the painted waveform (upload included), ` +
      `${(perHour / 1000).toFixed(2)} s per hour: ${verdict(perHour <= GOAL_OPEN_PER_HOUR)} (2 s per hour); ` +
      `of it to the tape open ${ms(marks.upload)}, then upload and analysis to the first paint ${ms(marks.analysis)}`,
  );
  console.log(`browser host memory: ${rssBefore} before opening, ${hostRss()} with the tape open`);
  mkdirSync(SHOTS, { recursive: true });
  await page.mouse.move(0, 0);
  await page.screenshot({ path: join(SHOTS, 'waveform-bench-overview.png') });
  console.log(`screenshots of the tape: ${SHOTS}/waveform-bench-*.png`);

  // From the whole tape to single cycles (120,000 px/s) by doubling, and back.
  const width = (await page.getByTestId('overlay').boundingBox())?.width ?? 1000;
  const doublings = Math.ceil(Math.log2((120_000 * MINUTES * 60) / width));
  // Alternating with the steps, the anchor: no step can show before the page's next frame.
  const frameWaits: number[] = [];
  const zoomAll = async (): Promise<{ first: number; done: number }[]> => {
    const times: { first: number; done: number }[] = [];
    for (const label of ['Zoom in', 'Zoom out'])
      for (let i = 0; i < doublings; i++) {
        frameWaits.push((await step(page, null)).first);
        times.push(await step(page, label));
      }
    return times;
  };
  const session = await page.context().newCDPSession(page);
  if (PROFILE) {
    await session.send('Profiler.enable');
    await session.send('Profiler.start');
  }
  // What each zoom step asks of the host: WebSocket messages each way and the bytes that come back.
  await session.send('Network.enable');
  const wire = { sent: 0, received: 0, bytes: 0 };
  session.on('Network.webSocketFrameSent', () => wire.sent++);
  session.on('Network.webSocketFrameReceived', (event) => {
    wire.received++;
    wire.bytes += event.response.payloadData.length;
  });
  const steps = await traced(browser, page, 'the zoom steps', zoomAll);
  const perStep = (n: number): string => (n / steps.length).toFixed(1);
  console.log(
    `IPC per zoom step: ${perStep(wire.sent)} requests, ${perStep(wire.received)} answers, ` +
      `${(wire.bytes / steps.length / 1024).toFixed(0)} KB received`,
  );
  await session.send('Network.disable');
  const times = steps.map((s) => s.done);
  const zoom = stats(times);
  const firsts = stats(steps.map((s) => s.first));
  console.log(
    `zoom: ${times.length} steps (${doublings} in to single cycles, ${doublings} out), mean ${ms(zoom.mean)}, median ${ms(zoom.median)}, ` +
      `worst ${ms(zoom.worst)}: ${verdict(zoom.worst <= GOAL_STEP)} (${GOAL_STEP} ms a step, until repainted with ` +
      `the new range's data); first repaint from the data at hand mean ${ms(firsts.mean)}, worst ${ms(firsts.worst)}`,
  );
  const waits = stats(frameWaits);
  console.log(
    `anchor, the wait for the next frame between the steps: mean ${ms(waits.mean)}, median ${ms(waits.median)}, ` +
      `worst ${ms(waits.worst)}`,
  );
  console.log(`zoom steps (ms): ${times.map((t) => t.toFixed(0)).join(' ')}`);

  // The anchor, on this machine now (headless, no GPU): the frame gaps of an idle page.
  const idle = stats(await anchorGaps(page, false));
  console.log(
    `anchor, an idle page: frame gaps median ${ms(idle.median)}, mean ${ms(idle.mean)} ` +
      `(${(1000 / idle.mean).toFixed(0)} fps), p95 ${ms(idle.p95)}`,
  );

  // Scrolling: a wheel event every frame for 3 s at three zooms; the gaps between frames are what a user sees.
  for (const [label, clicks, shot] of [
    ['whole tape x8', 3, 'zoomed-out'],
    ['bytes (~300 px/s)', 0, 'bytes'],
    ['single cycles', -1, 'cycles'],
  ] as const) {
    if (clicks === -1) await page.getByTestId('zoom-cycles').click();
    else if (clicks === 0) {
      await page.evaluate(() =>
        document.querySelector<HTMLButtonElement>('button[title="Show the whole tape"]')?.click(),
      );
      while (Number((await page.getByTestId('zoom').textContent())?.replace(/[^0-9.]/g, '') || 0) < 300)
        await step(page, 'Zoom in');
    } else {
      await page.evaluate(() =>
        document.querySelector<HTMLButtonElement>('button[title="Show the whole tape"]')?.click(),
      );
      for (let i = 0; i < clicks; i++) await step(page, 'Zoom in');
    }
    await page.locator('[data-testid=overlay][data-ready="1"]').waitFor();
    // The anchor just before, at this moment's load: a bare canvas the size of the waveform filled with one
    // rectangle every frame (what any canvas view pays here to get its pixels on screen).
    const bare = stats(await anchorGaps(page, true));
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(SHOTS, `waveform-bench-${shot}.png`) });
    const { gaps, work } = await traced(browser, page, `scrolling at ${label}`, () =>
      page.evaluate(async () => {
        const target = document.querySelector<HTMLElement>('[data-testid=waveform]');
        if (!target) throw new Error('no waveform');
        const canvas = document.querySelector<HTMLCanvasElement>('[data-testid=overlay]');
        const gaps: number[] = [];
        const work: number[] = [];
        let last = performance.now();
        const began = last;
        let direction = 1;
        while (last - began < 3000) {
          const sent = performance.now();
          target.dispatchEvent(
            new WheelEvent('wheel', { deltaY: 40 * direction, bubbles: true, cancelable: true }),
          );
          const handled = performance.now() - sent;
          const now = await new Promise<number>((resolve) => requestAnimationFrame(resolve));
          // The view paints in this same frame, after this callback: read its time once it has run.
          await new Promise((resolve) => setTimeout(resolve, 0));
          work.push(handled + Number(canvas?.dataset.paintMs ?? 0));
          gaps.push(now - last);
          last = now;
          if (gaps.length % 60 === 0) direction = -direction;
        }
        return { gaps: gaps.slice(1), work: work.slice(1) };
      }),
    );
    const frames = stats(gaps);
    const busy = stats(work);
    const fps = (gapStats: { mean: number }): string => `${(1000 / gapStats.mean).toFixed(0)} fps`;
    console.log(
      `scroll at ${label}: ${gaps.length} frames, frame gaps median ${ms(frames.median)}, p95 ${ms(frames.p95)}, ` +
        `worst ${ms(frames.worst)}, ${fps(frames)}: ${verdict(frames.p95 <= GOAL_FRAME * 1.2)} (60 fps); ` +
        `anchor just before (bare canvas): median ${ms(bare.median)}, p95 ${ms(bare.p95)}, ${fps(bare)}; ` +
        `our work per frame (wheel handler + paint) mean ${ms(busy.mean)}, p95 ${ms(busy.p95)}`,
    );
  }

  if (PROFILE) await printProfile(session);

  // Opening another tape closes the one open: its worker thread and everything it held go. Opening the long
  // tape twice more shows whether what a closed tape held is given back or reused (no growth) or kept.
  const small = join(dir, 'small.wav');
  await writeLongTape(small, { seconds: 20, sampleRate: RATE });
  const openFile = async (path: string, name: string): Promise<void> => {
    await page
      .getByRole('region', { name: 'Waveform', exact: true })
      .locator('input[type=file]')
      .setInputFiles(path);
    await page.locator(`[data-testid=tape-summary][data-tape="${name}"]`).waitFor({ timeout: 600_000 });
    await page.locator('[data-testid=overlay][data-ready="1"]').waitFor({ timeout: 600_000 });
    await new Promise((resolve) => setTimeout(resolve, 2000));
  };
  const after: string[] = [];
  for (let round = 0; round < 2; round++) {
    await openFile(small, 'small.wav');
    after.push(`${hostRss()} (long tape closed)`);
    await openFile(file, basename(file));
    after.push(`${hostRss()} (long tape open again)`);
  }
  await openFile(small, 'small.wav');
  after.push(`${hostRss()} (closed)`);
  console.log(`browser host memory as tapes are closed and opened: ${after.join(', ')}`);
  console.log(`load average after the run: ${load()}`);
} finally {
  await browser.close();
  await host.stop();
  await rm(dir, { recursive: true, force: true });
  if (!KEEP) await rm(file, { force: true });
}
