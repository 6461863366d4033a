import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppPage, type AppPage } from '../support/app-page.ts';
import { HAVE_CHROMIUM } from '../support/browser.ts';
import { peekFromPage, requestFromPage } from '../support/page-ipc.ts';
import { REPO } from '../support/web-host-process.ts';

/** How many pixels of a canvas region are lit, and how many lean to each heatmap colour. */
function litPixels(canvas: Locator, x: number, y: number, width: number, height: number) {
  return canvas.evaluate(
    (element: HTMLCanvasElement, [x, y, width, height]) => {
      const data = element.getContext('2d')!.getImageData(x, y, width, height).data;
      const counts = { lit: 0, blue: 0, red: 0, green: 0 };
      for (let i = 0; i < data.length; i += 4) {
        const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
        if (r + g + b < 60) continue;
        counts.lit++;
        if (b > r && b > g) counts.blue++;
        else if (r > g && r > b) counts.red++;
        else if (g > r && g > b) counts.green++;
      }
      return counts;
    },
    [x, y, width, height] as const,
  );
}

describe.skipIf(!HAVE_CHROMIUM)('Memory area in Chromium (needs /usr/bin/chromium)', () => {
  let app: AppPage;
  let page: Page;
  const shot = (name: string) => page.screenshot({ path: path.join(REPO, 'test-results', name) });

  beforeAll(async () => {
    app = await openAppPage();
    ({ page } = app);
  });

  afterAll(() => app?.close());

  async function typeOnScreen(keys: string[]): Promise<void> {
    await page.getByTestId('screen').click();
    for (const key of keys) {
      await page.keyboard.press(key, { delay: 40 });
      await page.waitForTimeout(40);
    }
  }

  it('lights the heatmap while the Lab Monitor runs: its code executing, its RAM read and written', async () => {
    await page.getByTestId('memory-tab-heatmap').click();
    expect(await page.getByTestId('memory-recording').isChecked()).toBe(true);
    const canvas = page.getByTestId('heatmap-canvas');
    await expect
      .poll(async () => (await litPixels(canvas, 0, 0xf8, 256, 8)).green, { timeout: 10_000 })
      .toBeGreaterThan(10);
    const zeroPages = await litPixels(canvas, 0, 0, 256, 3);
    expect(zeroPages.lit).toBeGreaterThan(3);
    // Nothing lives between RAM and video RAM, so nothing there lights up.
    expect((await litPixels(canvas, 0, 0x40, 256, 0x90)).lit).toBe(0);
    await shot('memory-heatmap.png');
  });

  it('shows the ACIA being read once L switches the monitor to the cassette port', async () => {
    await page.getByTestId('heat-zoom').selectOption('240');
    const canvas = page.getByTestId('heatmap-canvas');
    await page.getByTestId('memory-reset').click();
    await page.waitForTimeout(1500);
    // Cell $F000 is the top-left 16 x 16 square of the page view.
    expect((await litPixels(canvas, 2, 2, 12, 12)).lit).toBe(0);
    await typeOnScreen(['l']);
    await expect
      .poll(async () => (await litPixels(canvas, 2, 2, 12, 12)).blue, { timeout: 10_000 })
      .toBeGreaterThan(100);
    await page.getByTestId('memory-tab-cpu').click();
    await page.getByTestId('cpu-io').getByText('TDRE').waitFor();
    await shot('memory-cpu-io.png');
    await page.getByTestId('memory-tab-heatmap').click();
    await page.getByTestId('heat-zoom').selectOption('240');
    await shot('memory-acia-reads.png');
    await typeOnScreen([' ']);
    await page.getByTestId('heat-zoom').selectOption('all');
  });

  it('pans the zoomed heatmap page by page with its buttons and the arrow keys', async () => {
    const canvas = page.getByTestId('heatmap-canvas');
    const zoom = page.getByTestId('heat-zoom');
    /** How many of the page's 256 cells are lit, judged by each cell's middle. */
    const litCells = () =>
      canvas.evaluate((element: HTMLCanvasElement) => {
        const data = element.getContext('2d')!.getImageData(0, 0, 256, 256).data;
        let lit = 0;
        for (let cell = 0; cell < 256; cell++) {
          const at = (((cell >> 4) * 16 + 8) * 256 + (cell & 15) * 16 + 8) * 4;
          if (data[at]! + data[at + 1]! + data[at + 2]! >= 60) lit++;
        }
        return lit;
      });
    await zoom.selectOption('64');
    // Page $40 is unmapped on an 8K machine: dark. The stack page $01 is used all the time.
    await page.waitForTimeout(300);
    expect(await litCells()).toBe(0);
    await page.getByTestId('heat-prev').click();
    await expect.poll(() => canvas.getAttribute('data-page')).toBe('63');
    expect(await zoom.inputValue()).toBe('63');
    await page.getByTestId('heat-next').click();
    await expect.poll(() => canvas.getAttribute('data-page')).toBe('64');
    await zoom.selectOption('2');
    await canvas.focus();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => canvas.getAttribute('data-page')).toBe('1');
    await expect.poll(litCells, { timeout: 5000 }).toBeGreaterThan(0);
    await shot('memory-heatmap-stack-page.png');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => canvas.getAttribute('data-page')).toBe('255');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => canvas.getAttribute('data-page')).toBe('0');
    await page.keyboard.press('Escape');
    await expect.poll(() => canvas.getAttribute('data-page')).toBe('all');
  });

  it('pokes a video RAM byte from the hex view, changing the Screen, and undoes it', async () => {
    const screen = page.getByTestId('screen-canvas');
    const cell = () => litPixels(screen, 0, 0, 8, 8);
    await page.getByTestId('memory-goto').fill('$D000');
    await page.getByTestId('memory-goto').press('Enter');
    await page.getByTestId('hex-selected').getByText('$D000').waitFor();
    const before = await peekFromPage(page, 0xd000);
    expect(before).toBe(0x20);
    expect((await cell()).lit).toBe(0);
    await page.getByTestId('hex-value').fill('A1');
    await page.getByTestId('hex-poke').click();
    await expect.poll(() => peekFromPage(page, 0xd000)).toBe(0xa1);
    await expect.poll(async () => (await cell()).lit, { timeout: 5000 }).toBe(64);
    await shot('memory-poke-screen.png');
    await page.getByTestId('hex-undo').click();
    await expect.poll(() => peekFromPage(page, 0xd000)).toBe(0x20);
    await expect.poll(async () => (await cell()).lit, { timeout: 5000 }).toBe(0);
  });

  it('steps the disassembly one instruction at a time', async () => {
    await page.getByTestId('memory-tab-disassembly').click();
    await page.getByTestId('dis-pause').click();
    const pcLine = page.locator('[data-testid="disassembly"] li[data-pc="true"]');
    await pcLine.waitFor();
    const first = await pcLine.getAttribute('data-address');
    await page.getByTestId('dis-step').click();
    await expect.poll(() => pcLine.getAttribute('data-address')).not.toBe(first);
    const second = await pcLine.getAttribute('data-address');
    const status = (await page.getByTestId('machine-status').textContent()) ?? '';
    expect(status).toContain(`$${second}`);
    await page.getByTestId('dis-step').click();
    await expect.poll(() => pcLine.getAttribute('data-address')).not.toBe(second);
    await shot('memory-disassembly.png');
    await page.getByRole('button', { name: 'Run', exact: true }).first().click();
  });

  it('maps all 64K as the machine does and tells about a hovered byte', async () => {
    await page.getByTestId('memory-tab-map').click();
    const table = page.getByTestId('memory-map');
    await table.getByText('monitor ROM: Lab Monitor').waitFor();
    expect(await table.textContent()).not.toContain('BASIC');
    const canvas = page.getByTestId('memory-map-canvas');
    await page.locator('[data-area="memory"]').getByRole('button', { name: 'Maximize' }).click();
    await page.locator('[data-area="memory"]').getByRole('button', { name: 'Restore' }).waitFor();
    const hover = page.getByTestId('memory-hover');
    // Page $FE, inside the Lab Monitor's ROM, never written. Hovering again each try outlasts any relayout.
    await expect
      .poll(async () => {
        await canvas.hover({ position: { x: 0.5, y: 254.5 }, force: true });
        return hover.textContent();
      })
      .toMatch(/\$FE0[0-3] monitor ROM: Lab Monitor · value \$[0-9A-F]{2} · R \d+ W 0 X \d+/);
    await shot('memory-map.png');
    await page.locator('[data-area="memory"]').getByRole('button', { name: 'Restore' }).click();
  });

  it('lands "who wrote this?" on the instruction that last wrote the byte', async () => {
    await page.getByTestId('memory-tab-hex').click();
    await page.getByTestId('memory-goto').fill('$0201');
    await page.getByTestId('memory-goto').press('Enter');
    await page.getByTestId('hex-selected').getByText('$0201').waitFor();
    await page.getByTestId('who-wrote').click();
    const marked = page.locator('[data-testid="disassembly"] li.marked');
    await marked.waitFor();
    expect(await marked.textContent()).toMatch(/\bST[AXY] \$0201/);
    await shot('memory-who-wrote.png');
  });

  it('lands "who read this?" on the instruction that last read the keyboard, and watches its reads', async () => {
    await page.getByTestId('memory-tab-hex').click();
    await page.getByTestId('memory-goto').fill('$DF00');
    await page.getByTestId('memory-goto').press('Enter');
    await page.getByTestId('hex-selected').getByText('$DF00').waitFor();
    await page.getByTestId('who-read').click();
    const marked = page.locator('[data-testid="disassembly"] li.marked');
    await marked.waitFor();
    expect(await marked.textContent()).toMatch(/\b(LDA|BIT|CMP) (\$DF00|keyboard)\b/);
    await shot('memory-who-read.png');

    await page.getByTestId('memory-tab-hex').click();
    await page.getByTestId('hex-selected').getByText('$DF00').waitFor();
    await page.getByTestId('watch-reads').click();
    const message = page.getByTestId('machine-message');
    await expect
      .poll(() => message.textContent(), { timeout: 10_000 })
      .toMatch(/^Watchpoint: read of \$DF00 at PC \$F[0-9A-F]{3}\.$/);
    await requestFromPage(page, 'machine.setWatchpoints', { watchpoints: [] });
    await requestFromPage(page, 'machine.control', { action: 'resume' });
  });
});
