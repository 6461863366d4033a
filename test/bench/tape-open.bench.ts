// Opening a long tape in the browser host as a user meets it, and the memory the host keeps: Chromium drops
// the file on the built host, which uploads it and decodes it as it arrives, until the analysed waveform is
// painted. Beside it in the same run, alternating, the anchor: the bare upload of the same file from the same
// page, sent as the app sends it (the floor the open can reach, since it cannot end before its last byte is
// in). Then the host's
// resident memory before, with each tape open, and after all are closed. Also the decode alone, of the
// uploaded file, to show what decoding during the upload saves over decoding after it.
// Run: npm run bench -- tape-open [--minutes N] [--rounds N] [--keep]
//   default 60 minutes of 48 kHz mono, 3 rounds; --keep reuses the tape in the temporary folder.
import { existsSync, mkdtempSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { rm } from 'node:fs/promises';
import WebSocket from 'ws';
import { HAVE_CHROMIUM, launchChromium } from '../support/browser.ts';
import { writeLongTape } from '../support/long-tape.ts';
import { treeMemory } from '../support/process-memory.ts';
import { descendantsCpu, descendantsCpuByPid, processCpu } from '../support/process-cpu.ts';
import { startBuiltWebHost } from '../support/web-host-process.ts';

const RATE = 48_000;
const arg = (name: string): string | undefined => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const MINUTES = Number(arg('--minutes') ?? 60);
const ROUNDS = Number(arg('--rounds') ?? 3);
const KEEP = process.argv.includes('--keep');
const GOAL_PER_HOUR_MS = 2000;

if (!HAVE_CHROMIUM) {
  console.log('tape-open: skipped, /usr/bin/chromium is missing');
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'sbl-open-bench-'));
const file = KEEP ? join(tmpdir(), `sbl-bench-tape-${MINUTES}min.wav`) : join(dir, `tape-${MINUTES}min.wav`);
if (!KEEP || !existsSync(file)) {
  const size = await writeLongTape(file, { seconds: MINUTES * 60, sampleRate: RATE, dropoutEvery: 97 });
  console.log(`wrote ${MINUTES} min at ${RATE} Hz mono: ${(size / 1024 / 1024).toFixed(0)} MB`);
}
const load = (): string =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
console.log(`load average before the run: ${load()} (${cpus().length} cores); all times are wall times`);

const host = await startBuiltWebHost(dir);
/** The browser host's resident memory and that of its tape processes, added up, from /proc. */
const rssMb = (): number => {
  const memory = treeMemory(host.process.pid!);
  return memory.host + memory.children;
};
interface Cpu {
  host: number;
  browser: number;
  tape: number;
}
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

// A connection of our own to the host: it hears every tape event, so it can close the tapes at the end.
const ws = new WebSocket(`${host.origin.replace('http', 'ws')}/ipc?token=${host.token}`);
await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
const tapeIds = new Set<string>();
const analysed = new Map<string, () => void>();
const answers = new Map<number, (value: unknown) => void>();
ws.on('message', (data: Buffer) => {
  const message = JSON.parse(data.toString()) as {
    type: string;
    id?: number;
    name?: string;
    payload?: { tapeId?: string };
    result?: unknown;
  };
  if (message.type === 'event' && message.payload?.tapeId) {
    tapeIds.add(message.payload.tapeId);
    if (message.name === 'tape.analyzed') analysed.get(message.payload.tapeId)?.();
  }
  if (message.type === 'response' && message.id !== undefined) answers.get(message.id)?.(message.result);
});
let nextId = 1;
const call = (method: string, payload: unknown): Promise<{ ok: boolean; value?: unknown }> =>
  new Promise((resolve) => {
    const id = nextId++;
    answers.set(id, resolve as (value: unknown) => void);
    ws.send(JSON.stringify({ id, method, payload }));
  });

const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(host.url);
  await page.getByTestId('connection').filter({ hasText: 'connected' }).waitFor();
  await page.keyboard.press('Alt+2');
  const input = page.getByRole('region', { name: 'Waveform', exact: true }).locator('input[type=file]');
  const rssBefore = rssMb();

  /**
   * Processor time so far of the host (its threads included), of Chromium's processes and of the host's
   * tape processes (by process: one may end and another start between two readings).
   */
  const cpuNow = (): { host: number; browser: number; tapes: Map<number, number> } => ({
    host: processCpu(host.process.pid!),
    browser: descendantsCpu(process.pid, 'chrom'),
    tapes: descendantsCpuByPid(host.process.pid!, 'tape-worker'),
  });
  /** Since `from`; `tape` counts the tape processes running now (take it before the tape is closed). */
  const cpuSince = (from: ReturnType<typeof cpuNow>): Cpu => {
    const now = cpuNow();
    let tape = 0;
    for (const [pid, cpu] of now.tapes) tape += cpu - (from.tapes.get(pid) ?? 0);
    return { host: now.host - from.host, browser: now.browser - from.browser, tape };
  };

  /** Chooses the file in the Waveform area and times until the analysed waveform is painted. */
  const openOnce = async (): Promise<{
    total: number;
    opened: number;
    cpu: Cpu;
  }> => {
    await page.evaluate(() => {
      const marks = { chosen: performance.now(), opened: 0 };
      (window as unknown as { marks: typeof marks }).marks = marks;
      // The tape is open (its format known, the progress bar up) while its bytes still arrive.
      new MutationObserver((_, observer) => {
        if (document.querySelector('[data-testid=tape-progress]')) {
          marks.opened = performance.now();
          observer.disconnect();
        }
      }).observe(document.body, { subtree: true, childList: true });
    });
    const started = performance.now();
    const cpuBefore = cpuNow();
    await input.setInputFiles(file);
    await page.locator('[data-testid=overlay][data-ready="1"]').waitFor({ timeout: 600_000 });
    const total = performance.now() - started;
    const cpu = cpuSince(cpuBefore);
    const opened = await page.evaluate(() => {
      const m = (window as unknown as { marks: { chosen: number; opened: number } }).marks;
      return m.opened - m.chosen;
    });
    // The next open must see the new tape's overlay, not this one's.
    await page.evaluate(() => document.querySelector('[data-testid=overlay]')?.removeAttribute('data-ready'));
    return { total, opened, cpu };
  };

  /** The anchor: the same File posted to the host's upload route from the page, nothing else. */
  const uploadOnce = async (): Promise<{
    ms: number;
    fileId: string;
    cpu: Cpu;
  }> => {
    await page.evaluate(() => {
      const picker = document.createElement('input');
      picker.type = 'file';
      picker.id = 'bench-upload';
      document.body.append(picker);
    });
    await page.locator('#bench-upload').setInputFiles(file);
    // Sent as the app sends it (XMLHttpRequest, for its upload progress), with a listener for progress.
    const cpuBefore = cpuNow();
    const sent = await page.evaluate(async (token) => {
      const picker = document.querySelector<HTMLInputElement>('#bench-upload')!;
      const chosen = picker.files![0]!;
      const started = performance.now();
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `/upload?name=${encodeURIComponent(chosen.name)}`);
      xhr.setRequestHeader('x-superboard-token', token);
      let progress = 0;
      xhr.upload.onprogress = (event) => (progress = event.loaded);
      await new Promise((resolve, reject) => {
        xhr.onload = resolve;
        xhr.onerror = reject;
        xhr.send(chosen);
      });
      if (xhr.status !== 200 || progress === 0) throw new Error(`upload failed: ${xhr.status}`);
      const ms = performance.now() - started;
      picker.remove();
      return { ms, fileId: (JSON.parse(xhr.responseText) as { fileId: string }).fileId };
    }, host.token);
    return { ...sent, cpu: cpuSince(cpuBefore) };
  };

  /** The file uploaded already, decoded by the host alone: tape.open until tape.analyzed, in the host. */
  const decodeOnce = async (fileId: string): Promise<{ ms: number; cpu: Cpu }> => {
    const started = performance.now();
    const cpuBefore = cpuNow();
    const opened = await call('tape.open', { fileId });
    const { tapeId } = opened.value as { tapeId: string };
    await new Promise<void>((resolve) => analysed.set(tapeId, resolve));
    const ms = performance.now() - started;
    const cpu = cpuSince(cpuBefore);
    await call('tape.close', { tapeId });
    return { ms, cpu };
  };

  const opens: { total: number; opened: number; cpu: Cpu }[] = [];
  const uploads: number[] = [];
  const uploadCpu: Cpu[] = [];
  const decodes: number[] = [];
  const decodeCpu: Cpu[] = [];
  const rssOpen: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    opens.push(await openOnce());
    rssOpen.push(rssMb());
    const uploaded = await uploadOnce();
    uploads.push(uploaded.ms);
    uploadCpu.push(uploaded.cpu);
    const decoded = await decodeOnce(uploaded.fileId);
    decodes.push(decoded.ms);
    decodeCpu.push(decoded.cpu);
  }
  const hours = MINUTES / 60;
  const open = median(opens.map((o) => o.total));
  const upload = median(uploads);
  const decode = median(decodes);
  const perHour = open / hours;
  console.log(
    `open, from choosing the file to the analysed waveform painted (upload and decoding included), median of ` +
      `${ROUNDS}: ${seconds(open)} = ${seconds(perHour)} per hour: ` +
      `${perHour <= GOAL_PER_HOUR_MS ? 'meets' : 'MISSES'} the goal (2 s per hour)`,
  );
  console.log(
    `  the tape was open (format known, decoding the bytes as they arrive) after ` +
      `${seconds(median(opens.map((o) => o.opened)))}; rounds: ${opens.map((o) => seconds(o.total)).join(', ')}`,
  );
  console.log(
    `anchor, the bare upload of the same file from the same page, median of ${ROUNDS}: ${seconds(upload)} ` +
      `= ${seconds(upload / hours)} per hour; the same file decoded by the host once it was in (tape.open to ` +
      `tape.analyzed): ${seconds(decode)} = ${seconds(decode / hours)} per hour; one after the other they make ` +
      `${seconds((upload + decode) / hours)} per hour, the open that decodes while the bytes arrive ` +
      `${seconds(perHour)}`,
  );

  const cpuText = (cpu: Cpu[]): string =>
    `host ${median(cpu.map((c) => c.host)).toFixed(2)} s + tape process ${median(cpu.map((c) => c.tape)).toFixed(2)} s` +
    ` + Chromium ${median(cpu.map((c) => c.browser)).toFixed(2)} s`;
  console.log(
    `processor time (user + system, medians of ${ROUNDS}): the open ${cpuText(opens.map((o) => o.cpu))}; ` +
      `the bare upload ${cpuText(uploadCpu)}; the decode of the uploaded file ${cpuText(decodeCpu)} ` +
      `(${cpus().length} cores: the open cannot take less wall time than its processor time shared among them)`,
  );

  // Closing: the page closes each tape when it opens the next; our connection closes the last one.
  for (const tapeId of tapeIds) await call('tape.close', { tapeId });
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const rssClosed = rssMb();
  console.log(
    `browser host memory (RSS): ${rssBefore.toFixed(0)} MB before opening, ` +
      `${rssOpen.map((m) => m.toFixed(0)).join(' / ')} MB with each tape open, ` +
      `${rssClosed.toFixed(0)} MB after all ${tapeIds.size} were closed (3 s later)`,
  );
} finally {
  ws.close();
  await browser.close();
  await host.stop();
  await rm(dir, { recursive: true, force: true });
}
