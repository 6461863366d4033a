// The whole trip of issue 14's real-board client, through PulseAudio null sinks: a simulated Superboard
// (Lab Monitor and the test BASIC) runs the cloud driver; X=USR(0) sends a typed request through its
// cassette port; `superboard-lab farm gateway` hears it with the soft-modem, runs it as farm jobs in its
// threads and plays the answer back; the board prints it. The test reads the board's screen.
// Not exercised here: the driver's 65V tape loading over audio (test/unit/rom/cloud-driver.test.ts loads it
// through the emulated cassette port; audio-board.test.ts plays 65V tapes through the cable), real OSI
// BASIC's USR (the test BASIC calls $000A the same way), and BASIC farm jobs (no BASIC ROM here: the E
// request comes back as the worker's clear error).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { EventHub } from '../../src-main/ipc/event-hub.ts';
import { assembleCloudDriver } from '../../src-main/rom/cloud-driver.ts';
import { AudioService } from '../../src-main/services/audio/audio-service.ts';
import { GatewayService } from '../../src-main/services/farm/gateway-service.ts';
import { JobsService } from '../../src-main/services/farm/jobs-service.ts';
import { labMonitor } from '../support/emulator.ts';
import { fakeBasicRom } from '../support/fake-basic.ts';
import { startTestPulse } from '../support/pulse.ts';
import { SimulatedBoard } from '../support/simulated-board.ts';

const CLI = path.resolve(import.meta.dirname, '../../src-main/cli/main.ts');
const driver = assembleCloudDriver(
  readFileSync(path.resolve(import.meta.dirname, '../../src-main/rom/cloud-driver.asm'), 'utf8'),
);

const pulse = startTestPulse();
if (typeof pulse === 'string') console.warn(`audio-gateway tests skipped: ${pulse}`);
afterAll(() => {
  if (typeof pulse !== 'string') pulse.stop();
});

let board: SimulatedBoard | null = null;
let gateway: ChildProcess | null = null;
afterEach(async () => {
  board?.stop();
  board = null;
  if (gateway && gateway.exitCode === null) {
    gateway.kill('SIGINT');
    await new Promise((resolve) => gateway?.once('exit', resolve));
  }
  gateway = null;
});

/** The gateway CLI, resolved once it says it is listening; its log lines collect in `log`. */
async function startGateway(log: string[]): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [CLI, 'farm', 'gateway', '--device-in', 'Board to Lab', '--device-out', 'Lab to Board', '--threads', '1'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let text = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the gateway never listened:\n${text}`)), 20_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      log.splice(0, log.length, ...text.split('\n'));
      if (text.includes('listening on')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`the gateway exited (${code}):\n${text}`)));
  });
  return child;
}

/**
 * A simulated board with BASIC cold-started and the driver in place, as its tape leaves it (the tape's
 * loading is tested without audio): the bytes at $1C00, then its install routine, which points USR at the
 * driver and warm-starts BASIC. Its cassette output is on.
 */
async function boardWithDriver(): Promise<SimulatedBoard> {
  const b = await SimulatedBoard.start({ basic: fakeBasicRom() });
  board = b;
  await b.until('showed its boot menu', () => b.screen().includes('C/W/M'), 10_000);
  b.machine.type('C');
  await b.until('cold-started BASIC', () => b.screen().includes('OK'), 10_000);
  b.machine.load(driver.address, driver.bytes);
  b.machine.cpu.pc = driver.address;
  await b.until('installed the driver', () => b.screen().includes('CLOUD DRIVER IN USR'), 10_000);
  b.lineOn();
  return b;
}

describe.skipIf(typeof pulse === 'string')(
  'the real board asks the farm (simulated board, null sinks)',
  () => {
    it('sends X=USR(0) requests through the cable and prints the farm answers', async () => {
      const b = await boardWithDriver();
      const log: string[] = [];
      gateway = await startGateway(log);

      // Machine code on two emulated machines: print 42 through the output vector, then wait.
      b.machine.type('X=USR(0)\r');
      await b.until('prompted', () => b.screen().includes('CLOUD?'), 10_000);
      b.machine.type('M 2 0300 A9 34 20 EE FF A9 32 20 EE FF 4C 0A 03\r');
      await b.until('printed the answer', () => /ALL 2: 42\s*\n\s*OK/.test(b.screen()), 40_000);
      expect(log.join('\n')).toMatch(/request: run 13 bytes at \$0300 on 2/);

      // An expression needs BASIC on the farm; this machine's farm has none, and the board says so.
      b.machine.type('X=USR(0)\r');
      await b.until('prompted again', () => b.screen().split('CLOUD?').length === 3, 10_000);
      b.machine.type('E 6*7\r');
      await b.until('printed the error', () => b.screen().includes('?THIS WORKER'), 40_000);
      expect(b.screen()).toMatch(/NO BASIC ROM/);
    }, 120_000);

    it("answers through the app's gateway, its jobs shown in the Jobs view", async () => {
      const b = await boardWithDriver();
      const events = new EventHub();
      const jobs = new JobsService({
        events,
        threadUrl: new URL('../../src-main/services/farm/farm-thread.ts', import.meta.url),
        labMonitor,
        threads: 1,
      });
      const audio = new AudioService({
        workerUrl: new URL('../../src-main/services/audio/audio-worker.ts', import.meta.url),
        journalDir: path.join(os.tmpdir(), 'sbl-gateway-journal'),
      });
      const app = new GatewayService({
        audio,
        jobs,
        events,
        romFolder: new URL('../../src-main/rom/', import.meta.url),
      });
      try {
        expect((await app.start('Board to Lab', 'Lab to Board')).running).toBe(true);
        await expect(app.start('Board to Lab', 'Lab to Board')).rejects.toThrow(/already listening/);
        b.machine.type('X=USR(0)\r');
        await b.until('prompted', () => b.screen().includes('CLOUD?'), 10_000);
        // Prints * and waits: the answer is the last line on that machine's screen.
        b.machine.type('M 0300 A9 2A 20 EE FF 4C 05 03\r');
        await b.until('printed the answer', () => /\n\s*\*\s*\n\s*OK/.test(b.screen()), 40_000);
        expect(jobs.snapshot().jobs).toMatchObject([{ id: 'board1-1', state: 'done', reason: 'settled' }]);
        expect(app.status()).toMatchObject({ running: true, requests: 1 });
        expect(app.status().last).toMatch(/answer: "\*"/);
      } finally {
        await app.stop();
        await audio.close();
        await jobs.stop();
      }
    }, 120_000);
  },
);
