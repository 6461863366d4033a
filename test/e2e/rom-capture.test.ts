// The ROM capture wizard in Chromium, with a private PulseAudio's null sinks as the cable and a simulated
// board (a second emulator) at the far end running our dumper. The board runs a monitor of our own that differs from the app's
// Lab Monitor in its banner, so the short capture (48 bytes, to keep the loopback short) is unknown and the
// result step shows where it differs from the installed ROM.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sha1Hex } from '../../src-main/core/machine/sha1.ts';
import { machineCodeDumper } from '../../src-main/core/rom-capture/dump-programs.ts';
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

  it('shows our dumper, captures raw from the board and shows the difference from the installed ROM', async () => {
    const lab = await labMonitor();
    const own = lab.slice();
    const at = BANNER - 0xf800 + 'SUPERBOARD '.length;
    expect(String.fromCharCode(...own.subarray(at, at + 3))).toBe('LAB');
    own.set([0x4f, 0x57, 0x4e], at);
    board = await SimulatedBoard.start({ monitor: own });

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
    await page.screenshot({ path: path.join(REPO, 'test-results/rom-capture-program.png') });
    await page.getByTestId('rom-capture-next').click();

    // Step 2: the capture arms on the board's carrier; the dumper is "typed in" on the board (put in its RAM:
    // sending it by audio is covered by audio-rom-capture.test.ts) and started once the capture listens.
    await page.getByTestId('rom-capture-input').selectOption('Monitor of SBL Board to Lab');
    await page.getByTestId('rom-capture-send-armed').uncheck();
    await page.getByTestId('rom-capture-start').click();
    const state = page.getByTestId('rom-capture-state');
    await state.filter({ hasText: "Waiting for the board's carrier" }).waitFor();
    board.lineOn();
    await state.filter({ hasText: 'Recording' }).waitFor({ timeout: 15_000 });
    board.machine.load(0x0300, machineCodeDumper(RANGE));
    board.machine.cpu.pc = 0x0300;
    board.runAhead((48 * 11) / 300 + 1);
    await page.getByTestId('rom-capture-progress').waitFor();

    // Step 3: the result.
    const result = page.getByTestId('rom-capture-result');
    await result.waitFor({ timeout: 60_000 });
    const captured = own.slice(RANGE.start - 0xf800, RANGE.end - 0xf800 + 1);
    const shown = (await result.textContent()) ?? '';
    expect(await page.getByTestId('rom-capture-sha1').textContent(), shown).toBe(sha1Hex(captured));
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
