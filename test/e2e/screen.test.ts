import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build65v } from '../../src-main/core/formats/osi65v.ts';
import { openAppPage, type AppPage } from '../support/app-page.ts';
import { HAVE_CHROMIUM } from '../support/browser.ts';
import { peekFromPage } from '../support/page-ipc.ts';
import { assembleOrThrow } from '../support/assemble.ts';
import { REPO } from '../support/web-host-process.ts';

describe.skipIf(!HAVE_CHROMIUM)('Screen area in Chromium (needs /usr/bin/chromium)', () => {
  let app: AppPage;
  let page: Page;
  let userDataDir: string;

  beforeAll(async () => {
    app = await openAppPage();
    ({ page, userDataDir } = app);
  });

  afterAll(() => app?.close());

  const peek = (address: number): Promise<number> => peekFromPage(page, address);

  it('shows the booted Lab Monitor drawn with our font', async () => {
    await page.getByTestId('machine-status').filter({ hasText: 'running' }).waitFor();
    const lit = await page.getByTestId('screen-canvas').evaluate((canvas: HTMLCanvasElement) => {
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let on = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i]! > 128) on++;
      return on;
    });
    // The boot banner lights a few hundred pixels; a blank or random screen would not look like this.
    expect(lit).toBeGreaterThan(200);
    expect(lit).toBeLessThan(4000);
  });

  it('shows the whole screen at every window size, and Pause/Run keeps its width', async () => {
    for (const [width, height] of [
      [800, 500],
      [1024, 700],
      [1280, 800],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      const canvas = page.getByTestId('screen-canvas');
      await expect
        .poll(async () => {
          const shown = await canvas.boundingBox();
          const box = await page.getByTestId('screen').boundingBox();
          if (!shown || !box) return false;
          const inside =
            shown.x >= box.x - 0.5 &&
            shown.y >= box.y - 0.5 &&
            shown.x + shown.width <= box.x + box.width + 0.5 &&
            shown.y + shown.height <= box.y + box.height + 0.5 &&
            shown.y + shown.height <= height;
          return inside && shown.width > 100 && Math.abs(shown.width - shown.height) < 1;
        })
        .toBe(true);
      // The default layout gives the Screen room for 1x at 1024x700 and 2x at 1920x1080; in a smaller
      // window the picture shrinks below 1x rather than being cut. The scale follows a resize observer, so
      // it is polled like the box.
      const scale = (): Promise<number> => canvas.getAttribute('data-scale').then(Number);
      if (width < 1024) await expect.poll(scale, { message: `scale at ${width}x${height}` }).toBeLessThan(1);
      else await expect.poll(scale, { message: `scale at ${width}x${height}` }).toBe(width >= 1920 ? 2 : 1);
      await page.screenshot({ path: path.join(REPO, 'test-results', `screen-${width}x${height}.png`) });
    }
    const button = page.getByTestId('pause');
    const before = (await button.boundingBox())!.width;
    await button.click();
    const after = (await page.getByTestId('resume').boundingBox())!.width;
    await page.getByTestId('resume').click();
    await page.getByTestId('pause').waitFor();
    expect(after).toBeCloseTo(before, 1);
    await page.setViewportSize({ width: 1400, height: 1000 });
  });

  it('takes a burst of keys typed with no delay, repeated keys included', async () => {
    await page.getByTestId('screen').click();
    // page.keyboard.type sends each key's down and up back to back, faster than the ROM polls.
    await page.keyboard.type('.0300/00\n');
    await expect.poll(() => peek(0x0300), { timeout: 10_000 }).toBe(0x00);
    await page.keyboard.type('.0300/A9\n');
    await expect.poll(() => peek(0x0300), { timeout: 10_000 }).toBe(0xa9);
  });

  it('types into the machine when the screen has focus', async () => {
    await page.getByTestId('screen').click();
    // As a person types: each key held a moment, and a moment between keys (the ROM needs to see the gap
    // to count the same key twice).
    for (const key of ['.', '0', '3', '0', '0', '/', 'A', '9', 'Enter', '4', '1', 'Enter']) {
      await page.keyboard.press(key, { delay: 40 });
      await page.waitForTimeout(40);
    }
    await expect.poll(() => peek(0x0300), { timeout: 10_000 }).toBe(0xa9);
    await expect.poll(() => peek(0x0301), { timeout: 10_000 }).toBe(0x41);
    await page.screenshot({ path: path.join(REPO, 'test-results', 'screen.png') });
  });

  it('pastes text as typing', async () => {
    await page.getByTestId('screen').focus();
    await page.getByTestId('screen').evaluate((element) => {
      const data = new DataTransfer();
      data.setData('text/plain', '.0310/5A\r');
      element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
    });
    await expect.poll(() => peek(0x0310), { timeout: 10_000 }).toBe(0x5a);
  });

  it('plays a 65V tape into the machine and records what it sends', async () => {
    const program = assembleOrThrow(`
      .org $0340
      wait:
        lda $F000
        and #$02
        beq wait
        lda #'K'
        sta $F001
        lda #$77
        sta $0330
      done:
        jmp done
    `);
    const tape = path.join(userDataDir, 'program.65v');
    await writeFile(tape, build65v(program.segments, { run: 0x0340 }), 'latin1');
    await page.getByTestId('record-start').click();
    await page.getByTestId('record-stop').waitFor();
    await page.getByTestId('screen').click();
    await page.keyboard.press('l', { delay: 50 });
    await page.getByTestId('tape-deck-file').setInputFiles(tape);
    await page.getByTestId('tape-playing').waitFor();
    await expect.poll(() => peek(0x0330), { timeout: 30_000 }).toBe(0x77);
    await page.waitForTimeout(300);
    await page.getByTestId('record-stop').click();
    const link = page.getByTestId('recording-link');
    await link.waitFor();
    const href = await link.getAttribute('href');
    const head = await page.evaluate(async (url) => {
      const bytes = new Uint8Array(await (await fetch(url!)).arrayBuffer());
      return String.fromCharCode(...bytes.subarray(0, 4)) + String.fromCharCode(...bytes.subarray(8, 12));
    }, href);
    expect(head).toBe('RIFFWAVE');
  });

  it('pauses and resumes from the toolbar', async () => {
    await page.getByTestId('pause').click();
    await page.getByTestId('machine-status').filter({ hasText: 'paused' }).waitFor();
    await page.getByTestId('resume').click();
    await page.getByTestId('machine-status').filter({ hasText: 'running' }).waitFor();
  });
});
