// The ROM capture wizard in Chromium, with a private PulseAudio's null sinks as the cable and a simulated
// board (a second emulator) at the far end. The board runs a monitor of our own that differs from the app's
// Lab Monitor in its banner, so the short capture (48 bytes, to keep the loopback short) is unknown and the
// result step shows where it differs from the installed ROM.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sha1Hex } from '../../src-main/core/machine/sha1.ts';
import { openAppPage, type AppPage } from '../support/app-page.ts';
import { HAVE_CHROMIUM } from '../support/browser.ts';
import { labMonitor } from '../support/emulator.ts';
import { startTestPulse, type TestPulse } from '../support/pulse.ts';
import { SimulatedBoard } from '../support/simulated-board.ts';
import { REPO } from '../support/web-host-process.ts';

const pulse: TestPulse | string = HAVE_CHROMIUM ? startTestPulse() : 'Chromium is not installed';
if (typeof pulse === 'string') console.warn(`ROM capture e2e skipped: ${pulse}`);

/** The Lab Monitor's banner, "SUPERBOARD LAB MONITOR", starts here; the board's own says "OWN" for "LAB". */
const BANNER = 0xfc36;
const RANGE = { start: 0xfc30, end: 0xfc5f };

describe.skipIf(typeof pulse === 'string')('ROM capture wizard in Chromium (null sinks)', () => {
  let app: AppPage;
  let page: Page;
  let board: SimulatedBoard | null = null;

  beforeAll(async () => {
    app = await openAppPage();
    page = app.page;
  });

  afterEach(() => {
    board?.stop();
    board = null;
  });

  afterAll(async () => {
    await app?.close();
    if (typeof pulse !== 'string') pulse.stop();
  });

  it('shows our dumper, sends it to the board, captures raw and shows the difference from the installed ROM', async () => {
    const lab = await labMonitor();
    const own = lab.slice();
    const at = BANNER - 0xf800 + 'SUPERBOARD '.length;
    expect(String.fromCharCode(...own.subarray(at, at + 3))).toBe('LAB');
    own.set([0x4f, 0x57, 0x4e], at);
    board = await SimulatedBoard.start(own);

    await page.getByTestId('machine-panel-open').click();
    await page.getByTestId('rom-capture-open').click();
    const wizard = page.getByTestId('rom-capture');
    await wizard.waitFor();
    // Step 1: the program for the chosen range.
    await page.getByTestId('rom-capture-kind').selectOption('basic');
    await page.getByTestId('rom-capture-range').selectOption('custom');
    await page.getByTestId('rom-capture-custom').fill('FC30-FC5F');
    expect(await page.getByTestId('rom-capture-program').textContent()).toBe(
      '10 FOR A=64560 TO 64607\n20 WAIT 61440,2:POKE 61441,PEEK(A)\n30 NEXT\n',
    );
    await page.getByTestId('rom-capture-kind').selectOption('65v');
    expect(await page.getByTestId('rom-capture-program').textContent()).toMatch(/^\.0300\/AD\n00\nF0\n/);
    expect(await page.getByTestId('rom-capture-range-summary').textContent()).toContain(
      '$FC30-$FC5F (48 bytes)',
    );
    await page.getByTestId('rom-capture-next').click();

    // Step 2: the board waits in L; the capture arms and sends the 65V dumper.
    await page.getByTestId('rom-capture-input').selectOption('Monitor of SBL Board to Lab');
    await page.getByTestId('rom-capture-output').selectOption('SBL Lab to Board');
    await new Promise((resolve) => setTimeout(resolve, 300));
    board.machine.type('L');
    board.lineOn();
    await page.getByTestId('rom-capture-start').click();
    await board.until('started the dumper', () => (board!.machine.cpu.pc & 0xff00) === 0x0300, 60_000);
    board.runAhead((48 * 11) / 300 + 1);
    await page.getByTestId('rom-capture-progress').waitFor();

    // Step 3: the result.
    const result = page.getByTestId('rom-capture-result');
    await result.waitFor({ timeout: 60_000 });
    const captured = own.slice(RANGE.start - 0xf800, RANGE.end - 0xf800 + 1);
    expect(await page.getByTestId('rom-capture-sha1').textContent()).toBe(sha1Hex(captured));
    expect(await page.getByTestId('rom-capture-verdict').textContent()).toContain(
      'unknown: 3 bytes differ from the installed Lab Monitor in 1 place',
    );
    const diff = page.getByTestId('rom-capture-diff');
    expect(await diff.textContent()).toContain('$FC41');
    expect(await diff.textContent()).toContain('4F 57 4E');
    expect(await diff.textContent()).toContain('4C 41 42');
    // A part of a ROM is not a ROM set: it is offered for download only.
    expect(await page.getByTestId('rom-capture-install').count()).toBe(0);
    const download = page.waitForEvent('download');
    await page.getByTestId('rom-capture-download').click();
    expect((await download).suggestedFilename()).toBe(`captured-memory-${sha1Hex(captured).slice(0, 8)}.bin`);
    await page.screenshot({ path: path.join(REPO, 'test-results/rom-capture-result.png') });
  }, 120_000);
});
