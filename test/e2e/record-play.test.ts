// Record and Play to board in Chromium against the browser host, with a private PulseAudio's null sinks as the
// sound card: a board's SAVE (a KCS tape played into one sink) is recorded armed on its carrier from that
// sink's monitor, with the waveform, bits and bytes drawn live and the text growing; it stops after the
// silence and becomes a library take; Play to board sends it to the other sink, with the counter, pause and
// resume, and what comes out of that sink decodes to the same bytes.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicTextToBytes, encodeKcs } from '../../src-main/core/modem/kcs-encoder.ts';
import { KcsDecoder } from '../../src-main/core/modem/kcs-decoder.ts';
import { openAppPage, type AppPage } from '../support/app-page.ts';
import { HAVE_CHROMIUM } from '../support/browser.ts';
import { startTestPulse, type TestPulse } from '../support/pulse.ts';
import { REPO } from '../support/web-host-process.ts';

const pulse: TestPulse | string = HAVE_CHROMIUM ? startTestPulse() : 'Chromium is not installed';
if (typeof pulse === 'string') console.warn(`Record and Play e2e skipped: ${pulse}`);

const LISTING = '10 PRINT "RECORDED LIVE"\n20 GOTO 10\n30 END\n';

function pacat(args: string[]): ChildProcess {
  return spawn('pacat', [...args, '--format=float32le', '--rate=44100', '--channels=1', '--raw'], {
    stdio: ['pipe', 'pipe', 'ignore'],
  });
}

describe.skipIf(typeof pulse === 'string')('Record and Play to board in Chromium (null sinks)', () => {
  let app: AppPage;
  let page: Page;

  beforeAll(async () => {
    app = await openAppPage();
    page = app.page;
  });

  afterAll(async () => {
    await app?.close();
    if (typeof pulse !== 'string') pulse.stop();
  });

  it('records a SAVE with the live decode into the library, then plays it to the board with pause and resume', async () => {
    const saved = basicTextToBytes(LISTING, { nulls: 2 });
    await page.getByTestId('library-board-menu').click();
    await page.getByTestId('recorder-open').click();
    await page.getByTestId('recorder-panel').waitFor();
    const input = page.getByTestId('recorder-input');
    await expect.poll(() => input.locator('option').count(), { timeout: 15_000 }).toBe(3);
    await input.selectOption('Monitor of SBL Board to Lab');
    expect(await page.getByTestId('recorder-armed').isChecked()).toBe(true);
    await page.getByTestId('recorder-record').click();
    await page.getByTestId('recorder-status').filter({ hasText: 'Armed' }).waitFor();

    // The board SAVEs: a second of carrier, the listing, a second of carrier, then nothing.
    const tape = encodeKcs(saved, { sampleRate: 44100, leaderSeconds: 1, trailerSeconds: 1, amplitude: 0.5 });
    const board = pacat(['--playback', '--device=sbl_board_to_lab']);
    board.stdin?.on('error', () => {});
    board.stdin?.end(Buffer.from(tape.buffer, tape.byteOffset, tape.byteLength));

    const text = page.getByTestId('recorder-text');
    await text
      .filter({ hasText: 'RECORDED LIVE' })
      .waitFor({ timeout: 20_000 })
      .catch(async (error: unknown) => {
        await page.screenshot({ path: path.join(REPO, 'test-results/recorder-failed.png') });
        throw new Error(`${String(error)}\nhost output:\n${app.host.output()}`);
      });
    await page.getByTestId('recorder-status').filter({ hasText: 'Recording' }).waitFor();
    await page.screenshot({ path: path.join(REPO, 'test-results/recorder-live.png') });
    // The live view is drawn: waveform columns and byte labels leave plenty of lit pixels.
    const lit = await page.getByTestId('live-waveform').evaluate((canvas: HTMLCanvasElement) => {
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) n++;
      return n / (canvas.width * canvas.height);
    });
    expect(lit).toBeGreaterThan(0.05);

    const ended = page.getByTestId('recorder-ended');
    await ended.filter({ hasText: 'Kept' }).waitFor({ timeout: 20_000 });
    expect((await ended.textContent())?.replace(/\s+/g, ' ')).toContain(
      `${saved.length} bytes, 0 framing errors`,
    );
    expect(await text.textContent()).toBe('10 PRINT "RECORDED LIVE"\n20 GOTO 10\n30 END\n');
    board.kill();

    // The take is in the library, from line-in.
    await page.getByTestId('library-row').filter({ hasText: 'Line-in' }).waitFor();

    // Play to board from the Recorder: to the other sink, heard through its monitor.
    await page.getByTestId('recorder-play').click();
    await page.getByTestId('play-panel').waitFor();
    expect(await page.getByTestId('play-source').textContent()).toMatch(/^Line-in /);
    await page.getByTestId('play-output').selectOption('SBL Lab to Board');
    await page.getByTestId('play-clean').check();
    const heard: number[] = [];
    const listener = pacat(['--record', '--device=sbl_lab_to_board.monitor']);
    const decoder = new KcsDecoder({ sampleRate: 44100, bitEvents: false });
    let carry = Buffer.alloc(0);
    listener.stdout?.on('data', (chunk: Buffer) => {
      const data = Buffer.concat([carry, chunk]);
      const whole = data.length - (data.length % 4);
      carry = data.subarray(whole);
      const samples = new Float32Array(whole / 4);
      for (let i = 0; i < samples.length; i++) samples[i] = data.readFloatLE(i * 4);
      for (const event of decoder.push(samples)) if (event.type === 'byte') heard.push(event.value);
    });
    try {
      await page.getByTestId('play-start').click();
      await page.getByTestId('play-pause').click();
      await page.getByTestId('play-status').filter({ hasText: 'Paused' }).waitFor();
      const counter = page.getByTestId('play-counter');
      // The counter stops once the blocks already queued for the device have played.
      let last: string | null = null;
      await expect
        .poll(
          async () => {
            const now = await counter.textContent();
            const still = now === last;
            last = now;
            return still;
          },
          { timeout: 10_000, interval: 700 },
        )
        .toBe(true);
      await page.getByTestId('play-resume').click();
      await page.getByTestId('play-status').filter({ hasText: 'Played' }).waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('play-progress').textContent()).toMatch(/\d:\d\d\.\d \/ \d:\d\d\.\d/);
      await expect.poll(() => heard.length, { timeout: 5_000 }).toBeGreaterThanOrEqual(saved.length);
      expect(String.fromCharCode(...heard)).toBe(String.fromCharCode(...saved));
    } finally {
      listener.kill();
    }
  }, 120_000);
});
