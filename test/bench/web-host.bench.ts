// The browser host under two floods, measured from outside on the built host process (npm run build first):
// 1. a WebSocket client that never reads while sending 15,000 machine.peek of 64 KiB: the host's RSS;
// 2. 3,000 idle TCP connections without the token: the host's open file descriptors, and whether a browser
//    can still load the page meanwhile.
// Run: node test/bench/web-host.bench.ts
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { startBuiltWebHost } from '../support/web-host-process.ts';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const rssMb = (pid: number): number =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
const fds = (pid: number): number => readdirSync(`/proc/${pid}/fd`).length;

const dir = mkdtempSync(join(tmpdir(), 'sbl-web-bench-'));
try {
  // 1. A client that does not read.
  {
    const host = await startBuiltWebHost(join(dir, 'a'));
    const pid = host.process.pid!;
    await sleep(1_500);
    const before = rssMb(pid);
    const ws = new WebSocket(`${host.origin.replace('http', 'ws')}/ipc?token=${host.token}`);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    ws.pause();
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 100);
    const started = performance.now();
    for (let id = 1; id <= 15_000; id++) {
      ws.send(JSON.stringify({ id, method: 'machine.peek', payload: { start: 0, length: 0x10000 } }));
    }
    let closedAfter: number | null = null;
    while (performance.now() - started < 15_000) {
      if (closedAfter === null && /does not read/.test(host.output()))
        closedAfter = performance.now() - started;
      await sleep(100);
    }
    clearInterval(sampler);
    ws.terminate();
    console.log(
      `non-reading client, 15,000 x 64 KiB peeks: host RSS ${before.toFixed(0)} MB before, peak ${peak.toFixed(0)} MB over 15 s; ` +
        (closedAfter === null ? 'never closed' : `closed after ${(closedAfter / 1000).toFixed(1)} s`),
    );
    await host.stop();
  }

  // 2. Idle connections without the token.
  {
    const host = await startBuiltWebHost(join(dir, 'b'));
    const pid = host.process.pid!;
    await sleep(1_000);
    const before = fds(pid);
    const sockets: Socket[] = [];
    let closed = 0;
    for (let i = 0; i < 3_000; i++) {
      const socket = connect(Number(new URL(host.origin).port), '127.0.0.1');
      socket.on('error', () => {});
      socket.on('close', () => closed++);
      sockets.push(socket);
      if (i % 200 === 199) await sleep(20);
    }
    await sleep(500);
    const during = fds(pid);
    const started = performance.now();
    const page = await fetch(`${host.origin}/`).then(
      (response) => String(response.status),
      (error: unknown) => String(error),
    );
    const pageMs = performance.now() - started;
    await sleep(6_000);
    console.log(
      `3,000 idle connections: host fds ${before} before, ${during} during, ${fds(pid)} 6.5 s later ` +
        `(${closed} closed by the host); the page meanwhile: ${page} in ${pageMs.toFixed(0)} ms`,
    );
    for (const socket of sockets) socket.destroy();
    await host.stop();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
