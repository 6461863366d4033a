// The Hardware pane in Chromium against the browser host, with a private PulseAudio's null sinks as the cable
// and a simulated Superboard (a second emulator in this test process) at the other end, in terminal mode
// (its LOAD and SAVE flags set by typing the 65V monitor's equivalent of POKE 515,128 and POKE 517,128).
// Its echo loop turns O into 0, so side by side has a difference to find.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppPage, type AppPage } from '../support/app-page.ts';
import { echoProgram } from '../support/modem-client.ts';
import { requestFromPage } from '../support/page-ipc.ts';
import { HAVE_CHROMIUM } from '../support/browser.ts';
import { startTestPulse, type TestPulse } from '../support/pulse.ts';
import { SimulatedBoard } from '../support/simulated-board.ts';
import { REPO } from '../support/web-host-process.ts';

const pulse: TestPulse | string = HAVE_CHROMIUM ? startTestPulse() : 'Chromium is not installed';
if (typeof pulse === 'string') console.warn(`Hardware pane e2e skipped: ${pulse}`);

const SHOTS = path.join(REPO, 'test-results');

describe.skipIf(typeof pulse === 'string')('Hardware pane in Chromium (null sinks, simulated board)', () => {
  let app: AppPage;
  let page: Page;
  let board: SimulatedBoard;

  beforeAll(async () => {
    board = await SimulatedBoard.start();
    board.lineOn();
    await board.until('booted', () => board.screen().includes('65V'), 15_000);
    board.machine.load(0x0300, echoProgram({ from: 'O', to: '0' }));
    board.machine.type('.0205/80\r.0203/80\r');
    await board.until('set both flags', () => board.machine.peek(0x0203) === 0x80, 15_000);
    board.machine.cpu.pc = 0x0300;
    app = await openAppPage();
    page = app.page;
  });

  afterAll(async () => {
    board?.stop();
    await app?.close();
    if (typeof pulse !== 'string') pulse.stop();
  });

  it('opens the line, types to the board and shows what it sends in the OSI font, with carrier and counts', async () => {
    await page.getByTestId('hardware-open').click();
    await page.getByTestId('hardware-panel').waitFor();
    await expect
      .poll(() => page.getByTestId('hw-input').locator('option').allTextContents(), { timeout: 20_000 })
      .toContain('Monitor of SBL Board to Lab');
    await page.getByTestId('hw-input').selectOption('Monitor of SBL Board to Lab');
    await page.getByTestId('hw-output').selectOption('SBL Lab to Board');
    await page.getByTestId('hw-open').click();
    const status = page.getByTestId('hw-status');
    await status.filter({ hasText: /^\s*Carrier/ }).waitFor({ timeout: 15_000 });

    await page.getByTestId('hw-terminal').click();
    await page.keyboard.type('PRINT "HI"');
    await page.keyboard.press('Enter');
    await board.until('got the line', () => board.screen().includes('PRINT "HI"'), 20_000);
    await status.filter({ hasText: '11 sent' }).waitFor({ timeout: 10_000 });
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toMatch(/(1\d|[2-9]\d) received/);
    // Errors are counted (the integration test asserts there are none; a starved test machine may cause one).
    expect(await status.textContent()).toMatch(/\d+ errors · 11 sent · 300 baud 8N2/);
    // The terminal is drawn from the board's bytes with our glyphs: the canvas is not blank.
    // (Polled: the count can be ahead of the frame that draws the last bytes.)
    const inked = (): Promise<number> =>
      page
        .getByTestId('hw-terminal')
        .locator('canvas')
        .evaluate((canvas) => {
          const c = canvas as HTMLCanvasElement;
          const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
          let lit = 0;
          for (let i = 0; i < data.length; i += 4) if ((data[i] ?? 0) > 128) lit++;
          return lit;
        });
    await expect.poll(inked, { timeout: 10_000 }).toBeGreaterThan(50);

    await page.getByTestId('hw-bridge-start').click();
    const bridge = page.getByTestId('hw-bridge');
    await bridge.waitFor();
    expect(await bridge.textContent()).toMatch(/127\.0\.0\.1:\d+/);
    expect(await page.getByTestId('hw-token').textContent()).toMatch(/^[\w-]{16}$/);
    await page.screenshot({ path: path.join(SHOTS, 'hardware-terminal.png') });
    await page.getByTestId('hw-bridge-stop').click();
  }, 90_000);

  it('runs side by side and marks the first divergence', async () => {
    // The emulator runs the faithful echo: poked in and started from its 65V monitor (set-up, not under test).
    const faithful = echoProgram();
    for (let i = 0; i < faithful.length; i++)
      await requestFromPage(page, 'memory.poke', { address: 0x0300 + i, value: faithful[i] });
    await requestFromPage(page, 'machine.type', { text: '.0300G' });
    await new Promise((resolve) => setTimeout(resolve, 1500));

    await page.getByTestId('hw-tab-side').click();
    await page.getByTestId('hw-side-start').click();
    await page.getByTestId('hw-side').click();
    await page.keyboard.type('ABC', { delay: 120 });
    await page.keyboard.press('Enter');
    const verdict = page.getByTestId('hw-verdict');
    await verdict.filter({ hasText: /1 line agrees?/ }).waitFor({ timeout: 20_000 });
    await page.keyboard.type('HELLO', { delay: 120 });
    await page.keyboard.press('Enter');
    // The board's echo arrives a character at a time: until its HELL0 is complete it is only behind.
    await verdict
      .filter({ hasText: /First divergence: line \d+ of the board's output, column 5/ })
      .waitFor({ timeout: 20_000 })
      .catch(async (error: unknown) => {
        const seen = `${await verdict.textContent()} / ${await page.getByTestId('hw-status').textContent()}`;
        throw new Error(`${String(error)}\n${seen}\n${await page.getByTestId('hw-compare').textContent()}`);
      });
    const marked = page.getByTestId('hw-divergence-mark');
    await expect.poll(() => marked.allTextContents()).toEqual(['O', '0']);
    await page.screenshot({ path: path.join(SHOTS, 'hardware-side-by-side.png') });
  }, 120_000);

  it("wires the emulator's cassette port to the terminal's line from the Machine panel", async () => {
    await page.getByTestId('hw-side-stop').click();
    await page.getByTestId('hardware-panel').getByRole('button', { name: 'Close', exact: true }).click();
    await page.getByTestId('machine-panel-open').click();
    const wiring = page.getByTestId('panel-cassette-wiring');
    await wiring.selectOption('modem');
    await page.getByText("The emulator shares the Hardware terminal's line").waitFor();
    await expect.poll(() => page.getByTestId('machine-status').textContent()).toBeTruthy();
    await page.getByTestId('panel-cassette-wiring').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'hardware-wiring.png') });
    // The tape deck refuses while the port is on the cable, and comes back when it is rewired.
    const refused = (await requestFromPage(page, 'machine.tapeStop', null)) as {
      ok: boolean;
      error?: { message: string };
    };
    expect(refused.ok).toBe(false);
    expect(refused.error?.message).toMatch(/wired to the cable/);
    await wiring.selectOption('tape');
    await page.getByText("Tape › Play and Record use the emulator's own deck").waitFor();
    expect(((await requestFromPage(page, 'machine.tapeStop', null)) as { ok: boolean }).ok).toBe(true);
  }, 60_000);
});
