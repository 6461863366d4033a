// The Devices panel in Chromium against the browser host, with a private PulseAudio's null sinks as the sound
// card: inputs and outputs by name with their rates, the live level meter hearing a carrier played into a
// sink, the test tone heard back through the other sink's monitor, and the choices remembered.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeKcs } from '../../src-main/core/modem/kcs-encoder.ts';
import { openAppPage, type AppPage } from '../support/app-page.ts';
import { HAVE_CHROMIUM } from '../support/browser.ts';
import { startTestPulse, type TestPulse } from '../support/pulse.ts';
import { REPO } from '../support/web-host-process.ts';

const pulse: TestPulse | string = HAVE_CHROMIUM ? startTestPulse() : 'Chromium is not installed';
if (typeof pulse === 'string') console.warn(`Devices panel e2e skipped: ${pulse}`);

describe.skipIf(typeof pulse === 'string')('Devices panel in Chromium (null sinks)', () => {
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

  it('lists the devices by name, shows the level of a carrier, and plays a test tone that is heard back', async () => {
    await page.getByTestId('devices-panel-open').click();
    const panel = page.getByTestId('devices-panel');
    await panel.waitFor();
    const input = page.getByTestId('audio-input');
    await expect
      .poll(() => input.locator('option').allTextContents())
      .toEqual(['Monitor of SBL Default', 'Monitor of SBL Lab to Board', 'Monitor of SBL Board to Lab']);
    expect(await page.getByTestId('audio-output').locator('option').allTextContents()).toEqual([
      'SBL Default',
      'SBL Lab to Board',
      'SBL Board to Lab',
    ]);
    expect(await panel.textContent()).toContain('44100 Hz');

    await input.selectOption('Monitor of SBL Board to Lab');
    await page.getByTestId('audio-listen').click();
    await page.getByTestId('audio-level').filter({ hasText: 'Peak' }).waitFor();
    const carrier = encodeKcs(new Uint8Array(0), {
      sampleRate: 44100,
      leaderSeconds: 4,
      trailerSeconds: 0,
      amplitude: 0.5,
    });
    const player = spawn('pacat', [
      '--playback',
      '--device=sbl_board_to_lab',
      '--format=float32le',
      '--rate=44100',
      '--channels=1',
      '--raw',
    ]);
    player.stdin.on('error', () => {});
    player.stdin.end(Buffer.from(carrier.buffer));
    const level = page.getByTestId('audio-level');
    await level.filter({ hasText: 'carrier (2,400 Hz) heard' }).waitFor({ timeout: 15_000 });
    expect(await level.textContent()).toMatch(/Peak -6 dBFS/);
    await page.screenshot({ path: path.join(REPO, 'test-results/devices-panel.png') });
    player.kill();

    // The test tone to one sink, heard through that sink's monitor.
    await page.getByTestId('audio-output').selectOption('SBL Lab to Board');
    await input.selectOption('Monitor of SBL Lab to Board');
    await page.getByTestId('audio-test-tone').click();
    await page.getByTestId('audio-tone').filter({ hasText: 'Playing 3 s' }).waitFor();
    await level.filter({ hasText: 'carrier (2,400 Hz) heard' }).waitFor({ timeout: 15_000 });
    await page.getByTestId('audio-listen-stop').click();

    const settings = JSON.parse(await readFile(path.join(app.userDataDir, 'settings.json'), 'utf8')) as {
      audio: unknown;
    };
    expect(settings.audio).toEqual({ input: 'Monitor of SBL Lab to Board', output: 'SBL Lab to Board' });
  }, 90_000);
});
