// The memory a tape holds in the built browser host, and whether closing it gives it back: the host's resident
// memory (and that of any process it started for the tape) at start, with the tape open (uploaded as the page
// uploads it, decoded while it arrives) and after it is closed, for several rounds. Also the time to open:
// tape.open to its answer (the format known) and to tape.analyzed, since how the tape's analysis is started
// costs there.
// Run: npm run bench -- tape-memory [--minutes N] [--rounds N] [--keep] [--tunables T]
//   default 60 minutes of 48 kHz mono, 3 rounds; --keep reuses the tape in the temporary folder; --tunables
//   starts the host with GLIBC_TUNABLES=T instead of those of scripts/host-env.ts ('none': without any).
import { createReadStream, existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { hostEnvironment } from '../../scripts/host-env.ts';
import { writeLongTape } from '../support/long-tape.ts';
import { treeMemory, type TreeMemory } from '../support/process-memory.ts';
import { startBuiltWebHost } from '../support/web-host-process.ts';

const arg = (name: string): string | undefined => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const MINUTES = Number(arg('--minutes') ?? 60);
const ROUNDS = Number(arg('--rounds') ?? 3);
const KEEP = process.argv.includes('--keep');
const TUNABLES = arg('--tunables');
/** How long after a close the memory is read. */
const SETTLE_MS = 3000;

const dir = mkdtempSync(join(tmpdir(), 'sbl-memory-bench-'));
const file = KEEP ? join(tmpdir(), `sbl-bench-tape-${MINUTES}min.wav`) : join(dir, `tape-${MINUTES}min.wav`);
if (!KEEP || !existsSync(file)) {
  const size = await writeLongTape(file, { seconds: MINUTES * 60, sampleRate: 48_000, dropoutEvery: 97 });
  console.log(`wrote ${MINUTES} min at 48 kHz mono: ${(size / 1024 / 1024).toFixed(0)} MB`);
}
const load = (): string =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
console.log(`load average before the run: ${load()} (${cpus().length} cores); times are wall times`);

const env = hostEnvironment();
if (TUNABLES === 'none') delete env.GLIBC_TUNABLES;
else if (TUNABLES !== undefined) env.GLIBC_TUNABLES = TUNABLES;
console.log(`host started with GLIBC_TUNABLES=${env.GLIBC_TUNABLES ?? '(none)'}`);
const host = await startBuiltWebHost(dir, [], env);
const hostPid = host.process.pid!;

type Reading = TreeMemory;
const read = (): Reading => treeMemory(hostPid);
const show = (r: Reading): string =>
  `host ${r.host.toFixed(0)} MB` +
  (r.processes > 0 ? ` + ${r.processes} child process(es) ${r.children.toFixed(0)} MB` : '') +
  ` (PSS of all ${r.pss.toFixed(0)} MB)`;

const ws = new WebSocket(`${host.origin.replace('http', 'ws')}/ipc?token=${host.token}`);
await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
const answers = new Map<number, (value: { ok: boolean; value?: unknown; error?: unknown }) => void>();
const analysed = new Map<string, () => void>();
ws.on('message', (data: Buffer) => {
  const message = JSON.parse(data.toString()) as {
    type: string;
    id?: number;
    name?: string;
    payload?: { tapeId?: string };
    result?: { ok: boolean; value?: unknown };
  };
  if (message.type === 'event' && message.name === 'tape.analyzed' && message.payload?.tapeId)
    analysed.get(message.payload.tapeId)?.();
  if (message.type === 'response' && message.id !== undefined) answers.get(message.id)?.(message.result!);
});
let nextId = 1;
async function call<T>(method: string, payload: unknown): Promise<T> {
  const result = await new Promise<{ ok: boolean; value?: unknown; error?: unknown }>((resolve) => {
    const id = nextId++;
    answers.set(id, resolve);
    ws.send(JSON.stringify({ id, method, payload }));
  });
  if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

/** Sends the file to a reserved upload as the page does (POST /upload?fileId=…). */
const upload = (fileId: string, size: number): Promise<void> =>
  new Promise((resolve, reject) => {
    const post = request(
      `${host.origin}/upload?fileId=${fileId}&name=tape.wav`,
      { method: 'POST', headers: { 'x-superboard-token': host.token, 'content-length': size } },
      (response) => {
        response.resume();
        response.on('end', () =>
          response.statusCode === 200 ? resolve() : reject(new Error(`upload: ${response.statusCode}`)),
        );
      },
    );
    post.on('error', reject);
    createReadStream(file).pipe(post);
  });

/** CPU seconds of the host itself and of its ended (waited-for) children, such as closed tapes' processes. */
function cpu(): { own: number; children: number } {
  const stat = readFileSync(`/proc/${hostPid}/stat`, 'utf8');
  const fields = stat
    .slice(stat.lastIndexOf(')') + 2)
    .split(' ')
    .map(Number);
  // utime, stime, cutime, cstime are fields 14-17 of stat (11-14 after the command name), in clock ticks.
  return { own: (fields[11]! + fields[12]!) / 100, children: (fields[13]! + fields[14]!) / 100 };
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;
const mb = (values: number[]): string => values.map((v) => v.toFixed(0)).join(' / ');
try {
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const start = read();
  console.log(`at start: ${show(start)}`);
  const opened: Reading[] = [];
  const closed: Reading[] = [];
  const toOpen: number[] = [];
  const toAnalysed: number[] = [];
  const hostCpu: number[] = [];
  const tapeCpu: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const size = statSync(file).size;
    const cpuBefore = cpu();
    const began = performance.now();
    const ref = await call<{ fileId: string }>('files.reserveUpload', { name: 'tape.wav', size });
    const opening = call<{ tapeId: string }>('tape.open', { fileId: ref.fileId });
    const uploaded = upload(ref.fileId, size);
    const { tapeId } = await opening;
    toOpen.push(performance.now() - began);
    await new Promise<void>((resolve) => analysed.set(tapeId, resolve));
    await uploaded;
    toAnalysed.push(performance.now() - began);
    // A few views' worth of queries, as the page asks them.
    for (let i = 0; i < 10; i++)
      await call('tape.peaks', { tapeId, start: i * 4e6, end: i * 4e6 + 8e6, columns: 1600 });
    await call('tape.content', { tapeId });
    opened.push(read());
    await call('tape.close', { tapeId });
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    closed.push(read());
    const cpuAfter = cpu();
    hostCpu.push(cpuAfter.own - cpuBefore.own);
    tapeCpu.push(cpuAfter.children - cpuBefore.children);
    console.log(
      `round ${round}: open after ${(toOpen.at(-1)! / 1000).toFixed(2)} s, analysed after ` +
        `${(toAnalysed.at(-1)! / 1000).toFixed(2)} s (CPU: host ${hostCpu.at(-1)!.toFixed(2)} s, tape process ` +
        `${tapeCpu.at(-1)!.toFixed(2)} s); with the tape open: ${show(opened.at(-1)!)}; ` +
        `${SETTLE_MS / 1000} s after closing: ${show(closed.at(-1)!)}`,
    );
  }
  console.log(
    `summary, ${MINUTES} min of 48 kHz mono, ${ROUNDS} rounds: host RSS ${start.host.toFixed(0)} MB at start, ` +
      `${mb(opened.map((r) => r.host + r.children))} MB with the tape open (host and its tape processes), ` +
      `${mb(closed.map((r) => r.host + r.children))} MB after closing; PSS ${start.pss.toFixed(0)} / ` +
      `${mb(opened.map((r) => r.pss))} / ${mb(closed.map((r) => r.pss))} MB; tape.open answered in ` +
      `${median(toOpen).toFixed(0)} ms, analysed in ${(median(toAnalysed) / 1000).toFixed(2)} s, CPU of the host ` +
      `${median(hostCpu).toFixed(2)} s and of the tape's process ${median(tapeCpu).toFixed(2)} s (medians); ` +
      `load average after: ${load()}`,
  );
} finally {
  ws.close();
  await host.stop();
  await rm(dir, { recursive: true, force: true });
}
