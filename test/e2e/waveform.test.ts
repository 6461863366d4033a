import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { impair } from '../../src-main/core/modem/impairments.ts';
import { encodeCuts } from '../../src-main/core/modem/cuts-encoder.ts';
import { basicTextToBytes, encodeKcs } from '../../src-main/core/modem/kcs-encoder.ts';
import { HAVE_CHROMIUM, launchChromium } from '../support/browser.ts';
import { tempDir } from '../support/temp-dir.ts';
import { REPO, startBuiltWebHost, type RunningHost } from '../support/web-host-process.ts';
import { writeLongTape } from '../support/long-tape.ts';
import { wavBytes } from '../support/wav-writer.ts';

const SHOTS = path.join(REPO, 'test-results');
const RATE = 44100;
const LEADER = 2;
const PROGRAM = [
  '10 REM SUPERBOARD LAB TAPE TEST',
  '20 FOR I=1 TO 10',
  '30 PRINT "HELLO FROM THE CASSETTE";I',
  '40 NEXT I',
  '50 END',
  '',
].join('\n');

/** First sample of byte `index`'s start bit on a tape from encodeKcs (the encoder's own clock). */
const byteStart = (index: number): number => Math.ceil(((LEADER * 300 + index * 11) * RATE) / 300);

describe.skipIf(!HAVE_CHROMIUM)(
  'Waveform area in Chromium against the browser host (needs /usr/bin/chromium)',
  () => {
    let host: RunningHost;
    let browser: Browser;
    let page: Page;
    let work: { dir: string; remove: () => Promise<void> };
    const problems: string[] = [];
    const data = basicTextToBytes(PROGRAM);

    async function upload(name: string, samples: Float32Array): Promise<void> {
      const file = path.join(work.dir, name);
      await writeFile(file, wavBytes(samples, RATE));
      await uploadFile(name, file);
    }

    async function uploadFile(name: string, file: string): Promise<void> {
      await page
        .getByRole('region', { name: 'Waveform', exact: true })
        .locator('input[type=file]')
        .setInputFiles(file);
      await page.getByTestId('tape-info').filter({ hasText: name }).waitFor();
      await page.locator(`[data-testid=tape-summary][data-tape="${name}"]`).waitFor();
      await page.locator('[data-testid=overlay][data-ready="1"]').waitFor();
    }

    async function overlayState(): Promise<{
      start: number;
      end: number;
      bits: number;
      bytes: number;
      inked: number;
    }> {
      return page.getByTestId('overlay').evaluate((canvas: HTMLCanvasElement) => {
        const ctx = canvas.getContext('2d');
        const pixels = ctx?.getImageData(0, 0, canvas.width, canvas.height).data ?? new Uint8ClampedArray();
        let inked = 0;
        for (let i = 3; i < pixels.length; i += 4) if ((pixels[i] ?? 0) > 0) inked++;
        return {
          start: Number(canvas.dataset.start),
          end: Number(canvas.dataset.end),
          bits: Number(canvas.dataset.bits),
          bytes: Number(canvas.dataset.bytes),
          inked,
        };
      });
    }

    beforeAll(async () => {
      work = await tempDir();
      host = await startBuiltWebHost(work.dir);
      browser = await launchChromium();
      page = await browser.newPage({ viewport: { width: 1500, height: 900 } });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console: ${message.text()}`);
      });
      await page.goto(host.url);
      await page.getByTestId('connection').filter({ hasText: 'connected' }).waitFor();
      await page.keyboard.press('Alt+2');
      await page.getByRole('button', { name: 'Restore' }).waitFor();
    });

    afterAll(async () => {
      await browser?.close();
      const code = await host?.stop();
      expect(code).toBe(0);
      await work?.remove();
    });

    it('opens a tape made by our encoder and shows its decoding', async () => {
      await upload(
        'hello.wav',
        encodeKcs(data, { sampleRate: RATE, leaderSeconds: LEADER, trailerSeconds: 1 }),
      );
      await expect(page.getByTestId('summary-bytes').textContent()).resolves.toBe(String(data.length));
      await expect(page.getByTestId('summary-errors').textContent()).resolves.toContain('0 framing');
      const text = await page.getByTestId('text-view').textContent();
      expect(text).toContain('30 PRINT "HELLO FROM THE CASSETTE";I');
      await expect.poll(async () => (await overlayState()).inked, { timeout: 10_000 }).toBeGreaterThan(0);
      // The file's SHA-1 (taken once the tape is drawn, not while it uploads) names the bytes that were sent.
      const sent = await readFile(path.join(work.dir, 'hello.wav'));
      await expect(page.getByTestId('tape-info').getAttribute('title')).resolves.toBe(
        `SHA-1 ${createHash('sha1').update(sent).digest('hex')}`,
      );
      await mkdir(SHOTS, { recursive: true });
      await page.screenshot({ path: path.join(SHOTS, 'waveform-overview.png') });
    });

    it('scrolls the waveform to a byte clicked in the text view and labels it', async () => {
      const index = data.indexOf('H'.charCodeAt(0));
      await page.getByTestId('text-view').locator(`[data-byte="${index}"]`).click();
      const start = byteStart(index);
      await expect
        .poll(
          async () => {
            const state = await overlayState();
            return state.start < start && start < state.end && state.bytes > 0 && state.bits > 0;
          },
          { timeout: 10_000 },
        )
        .toBe(true);
      const state = await overlayState();
      // Zoomed in to the byte: far less than the whole tape is in view.
      expect(state.end - state.start).toBeLessThan(RATE);
      expect(await page.getByTestId('text-view').locator('.sel').textContent()).toBe('H');
      await page.getByTestId('tab-hex').click();
      expect(await page.getByTestId('hex-view').locator('.hx.sel').textContent()).toBe('48');
    });

    it('selects the byte under a click in the waveform', async () => {
      const before = await overlayState();
      const box = await page.getByTestId('waveform').boundingBox();
      if (!box) throw new Error('no waveform box');
      // A quarter of the way across the visible range.
      await page.mouse.click(box.x + box.width * 0.25, box.y + 100);
      const sample = before.start + (before.end - before.start) * 0.25;
      const expected = Math.floor((sample / RATE) * 300 - LEADER * 300) / 11;
      await expect
        .poll(
          async () => Number(await page.getByTestId('hex-view').locator('.hx.sel').getAttribute('data-byte')),
          {
            timeout: 10_000,
          },
        )
        .toBe(Math.floor(expected));
    });

    it('jumps to an error with next-error on an impaired tape', async () => {
      const clean = encodeKcs(data, { sampleRate: RATE, leaderSeconds: LEADER, trailerSeconds: 1 });
      // Seven dB under the signal over the full band: a few framing errors and weak bits.
      const noisy = impair(clean, RATE, { seed: 21, snrDb: -7 });
      await upload('noisy.wav', noisy);
      const errors = await page.getByTestId('summary-errors').textContent();
      const counts = /(\d+) framing · (\d+) weak bits/.exec(errors ?? '');
      expect(Number(counts?.[1]) + Number(counts?.[2])).toBeGreaterThan(0);
      // Error bytes are marked on the overview before any zooming.
      await expect.poll(async () => (await overlayState()).inked, { timeout: 10_000 }).toBeGreaterThan(0);
      await page.screenshot({ path: path.join(SHOTS, 'waveform-errors.png') });
      await page.getByTestId('next-error').click();
      await page.getByTestId('tab-hex').click();
      const selected = page.getByTestId('hex-view').locator('.hx.sel');
      await selected.waitFor();
      expect(await selected.getAttribute('class')).toMatch(/\b(err|weak)\b/);
      const index = Number(await selected.getAttribute('data-byte'));
      await expect
        .poll(
          async () => {
            const state = await overlayState();
            return state.bytes > 0 && state.end - state.start < RATE;
          },
          { timeout: 10_000 },
        )
        .toBe(true);
      await page.getByTestId('next-error').click();
      await expect
        .poll(async () =>
          Number(await page.getByTestId('hex-view').locator('.hx.sel').getAttribute('data-byte')),
        )
        .not.toBe(index);
      // Let the scroll to the error settle before the screenshot.
      await expect
        .poll(
          () =>
            page.getByTestId('overlay').evaluate((canvas: HTMLCanvasElement) => {
              const selected = Number(canvas.dataset.selected);
              const start = Number(canvas.dataset.start);
              const end = Number(canvas.dataset.end);
              return selected > start + (end - start) * 0.3 && selected < end - (end - start) * 0.3;
            }),
          { timeout: 10_000 },
        )
        .toBe(true);
      await page.waitForTimeout(300);
      await mkdir(SHOTS, { recursive: true });
      await page.screenshot({ path: path.join(SHOTS, 'waveform.png') });
    });

    it('offers the decoded bytes as a download', async () => {
      const download = page.waitForEvent('download');
      await page.getByTestId('export-bytes').click();
      const file = await download;
      expect(file.suggestedFilename()).toBe('noisy.bin');
    });

    it('fits the four-area layout when restored', async () => {
      await page.keyboard.press('Escape');
      await page.getByRole('region', { name: 'Screen', exact: true }).waitFor();
      await expect.poll(async () => (await overlayState()).inked, { timeout: 10_000 }).toBeGreaterThan(0);
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(SHOTS, 'waveform-area.png') });
      const box = await page.getByTestId('waveform').boundingBox();
      expect(box?.width).toBeGreaterThan(300);
    });

    it('zooms a 3-minute tape down to single cycles', async () => {
      const bytes = Uint8Array.from({ length: 5000 }, (_, i) => 0x41 + (i % 26));
      await upload(
        'long.wav',
        encodeKcs(bytes, { sampleRate: RATE, leaderSeconds: LEADER, trailerSeconds: 45 }),
      );
      await page.getByTestId('zoom-cycles').click();
      const box = await page.getByTestId('waveform').boundingBox();
      if (!box) throw new Error('no waveform box');
      await expect
        .poll(
          async () => {
            const state = await overlayState();
            // 120,000 px/s: a 2,400 Hz cycle spans 50 pixels, and the bits of that stretch are drawn.
            const pxPerSecond = box.width / ((state.end - state.start) / RATE);
            return pxPerSecond > 100_000 && pxPerSecond < 140_000 && state.bits > 0;
          },
          { timeout: 10_000 },
        )
        .toBe(true);
      // A byte picked in the text view far along the tape is brought into the magnified view.
      const index = 4000;
      await page.getByTestId('tab-text').click();
      await page.getByTestId('text-view').locator(`[data-byte="${index}"]`).scrollIntoViewIfNeeded();
      await page.getByTestId('text-view').locator(`[data-byte="${index}"]`).click();
      const start = byteStart(index);
      await expect
        .poll(
          async () => {
            const state = await overlayState();
            return state.start <= start && start < state.end;
          },
          { timeout: 10_000 },
        )
        .toBe(true);
      await page.screenshot({ path: path.join(SHOTS, 'waveform-cycles.png') });
      // The wheel pans the view: a small turn moves it by exactly that many pixels.
      const before = await overlayState();
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.wheel(0, 120);
      await expect.poll(async () => (await overlayState()).start, { timeout: 5_000 }).not.toBe(before.start);
      const after = await overlayState();
      const movedPx = ((after.start - before.start) / (before.end - before.start)) * box.width;
      expect(movedPx).toBeGreaterThan(100);
      expect(movedPx).toBeLessThan(140);
    });

    it('shows a long tape whole in the minimap and overlays at every zoom', async () => {
      // Four minutes of random bytes at 48 kHz with a dropout every 40 s (the bench opens three hours).
      await page.keyboard.press('Alt+2');
      await page.getByRole('button', { name: 'Restore' }).waitFor();
      const rate = 48_000;
      const file = path.join(work.dir, 'four-minutes.wav');
      await writeLongTape(file, { seconds: 240, sampleRate: rate, dropoutEvery: 40 });
      await uploadFile('four-minutes.wav', file);
      const overlay = page.getByTestId('overlay');
      const minimap = page.getByTestId('minimap');
      const box = await page.getByTestId('waveform').boundingBox();
      const mapBox = await minimap.boundingBox();
      if (!box || !mapBox) throw new Error('no waveform');
      // Pixels of a colour in a canvas: [red-ish error marks, all inked].
      const colours = (testId: string): Promise<{ errors: number; inked: number }> =>
        page.getByTestId(testId).evaluate((canvas: HTMLCanvasElement) => {
          const pixels = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
          let errors = 0;
          let inked = 0;
          for (let i = 0; pixels && i < pixels.length; i += 4) {
            if ((pixels[i + 3] ?? 0) > 0) inked++;
            // Framing errors are red, weak bits amber: both have much more red than blue.
            if ((pixels[i] ?? 0) > 200 && (pixels[i + 2] ?? 0) < 130) errors++;
          }
          return { errors, inked };
        });
      const readout = async (): Promise<number> => {
        const text = (await page.getByTestId('position').textContent()) ?? '';
        const parts = text.replace(' s', '').split(':').map(Number);
        return parts.reduce((sum, part) => sum * 60 + part, 0);
      };

      // Overview: the whole tape in the minimap's rectangle, its envelope and error marks drawn.
      expect(Number(await minimap.getAttribute('data-left'))).toBeLessThan(1);
      expect(Number(await minimap.getAttribute('data-right'))).toBeGreaterThan(mapBox.width - 4);
      const map = await colours('minimap');
      expect(map.errors).toBeGreaterThan(0);
      expect(map.inked).toBeGreaterThan(mapBox.width * 20);
      expect((await colours('overlay')).errors).toBeGreaterThan(0);
      await page.mouse.move(box.x + box.width / 2, box.y + box.height + 200);
      await page.screenshot({ path: path.join(SHOTS, 'waveform-long-overview.png') });

      // Mid zoom: bytes are labelled blocks without their bits.
      while (Number(((await page.getByTestId('zoom').textContent()) ?? '').replace(/[^0-9.]/g, '')) < 300) {
        await page.getByRole('button', { name: 'Zoom in' }).click();
      }
      await overlay.and(page.locator('[data-ready="1"]')).waitFor();
      const mid = await overlayState();
      expect(mid.bytes).toBeGreaterThan(20);
      expect(mid.bits).toBe(0);
      // The readout is the middle of the view, and the text view marks the byte there.
      expect(Math.abs((await readout()) - (mid.start + mid.end) / 2 / rate)).toBeLessThan(0.01);
      const here = page.getByTestId('text-view').locator('.here');
      await here.waitFor();
      const hereBefore = Number(await here.getAttribute('data-byte'));
      const inSight = async (): Promise<boolean> => {
        const cell = await here.boundingBox();
        const list = await page.getByTestId('text-view').boundingBox();
        return (
          cell !== null &&
          list !== null &&
          cell.x >= list.x &&
          cell.x + cell.width <= list.x + list.width &&
          cell.y >= list.y &&
          cell.y + cell.height <= list.y + list.height
        );
      };
      await expect.poll(inSight).toBe(true);
      await page.screenshot({ path: path.join(SHOTS, 'waveform-long-bytes.png') });

      // Dragging the minimap's rectangle moves the view by as much of the tape.
      const left = Number(await minimap.getAttribute('data-left'));
      const right = Number(await minimap.getAttribute('data-right'));
      const grab = mapBox.x + (left + right) / 2;
      await page.mouse.move(grab, mapBox.y + mapBox.height / 2);
      await page.mouse.down();
      await page.mouse.move(grab + 100, mapBox.y + mapBox.height / 2, { steps: 4 });
      await page.mouse.up();
      await overlay.and(page.locator('[data-ready="1"]')).waitFor();
      const moved = await overlayState();
      const frames = 240 * rate;
      expect((moved.start - mid.start) / frames).toBeCloseTo(100 / mapBox.width, 2);
      expect(Math.abs((await readout()) - (moved.start + moved.end) / 2 / rate)).toBeLessThan(0.01);
      await expect
        .poll(async () => Number(await here.getAttribute('data-byte')))
        .toBeGreaterThan(hereBefore + 100);
      await expect.poll(inSight).toBe(true);

      // Under the pointer, the readout is the time there.
      await page.mouse.move(box.x + box.width / 4, box.y + box.height / 2);
      await expect
        .poll(async () =>
          Math.abs((await readout()) - (moved.start + (moved.end - moved.start) * 0.25) / rate),
        )
        .toBeLessThan(0.05);

      // Single cycles: bits are drawn.
      await page.getByTestId('zoom-cycles').click();
      await expect.poll(async () => (await overlayState()).bits).toBeGreaterThan(0);
      await overlay.and(page.locator('[data-ready="1"]')).waitFor();
      await page.screenshot({ path: path.join(SHOTS, 'waveform-long-cycles.png') });
    });

    it('shows a 1200-baud CUTS tape with its format and every bit cell in view', async () => {
      await upload(
        'cuts.wav',
        encodeCuts(data, { sampleRate: RATE, leaderSeconds: LEADER, trailerSeconds: 1 }),
      );
      await expect(page.getByTestId('summary-bytes').textContent()).resolves.toBe(String(data.length));
      await expect(page.getByTestId('summary-format').textContent()).resolves.toBe(
        '1200 baud CUTS 8N2 (detected)',
      );
      const index = data.indexOf('H'.charCodeAt(0));
      await page.getByTestId('tab-text').click();
      await page.getByTestId('text-view').locator(`[data-byte="${index}"]`).click();
      const start = Math.ceil(((LEADER * 1200 + index * 11) * RATE) / 1200);
      await expect
        .poll(
          async () => {
            const state = await overlayState();
            return state.start < start && start < state.end && state.bytes > 0 && state.bits > 0;
          },
          { timeout: 10_000 },
        )
        .toBe(true);
      // Zooming out, the cells of every byte in view are drawn, or none when they get too narrow (sized as
      // 300-baud cells, only a quarter of them were fetched).
      for (let step = 0; step < 4; step++) {
        const before = await overlayState();
        await page.getByRole('button', { name: 'Zoom out' }).click();
        await expect
          .poll(
            async () => {
              const state = await overlayState();
              const wider = state.end - state.start > 1.5 * (before.end - before.start);
              return wider && state.bytes > 2 && (state.bits === 0 || state.bits >= 8 * (state.bytes - 2));
            },
            { timeout: 10_000 },
          )
          .toBe(true);
      }
    });

    it('ran without page errors or CSP violations', () => {
      expect(problems).toEqual([]);
    });
  },
);
