import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build65v } from '../../src-main/core/formats/osi65v.ts';
import { openAppPage, type AppPage } from '../support/app-page.ts';
import { messageProgram } from '../support/assemble.ts';
import { HAVE_CHROMIUM } from '../support/browser.ts';
import { basicTape, PEEK_PROGRAM, RATE, tapeSamples } from '../support/library-tapes.ts';
import { peekFromPage } from '../support/page-ipc.ts';
import { tempDir } from '../support/temp-dir.ts';
import { wavBytes } from '../support/wav-writer.ts';
import { REPO } from '../support/web-host-process.ts';

const SHOTS = path.join(REPO, 'test-results');
const MESSAGE = 'MERGED FROM TWO TAKES';
const PROGRAM_65V = build65v(messageProgram(MESSAGE).segments, { run: 0x0300 });
const PROGRAM_BYTES = Uint8Array.from(PROGRAM_65V, (c) => c.charCodeAt(0));

describe.skipIf(!HAVE_CHROMIUM)(
  'Library area in Chromium against the browser host (needs /usr/bin/chromium)',
  () => {
    let app: AppPage;
    let page: Page;
    let work: { dir: string; remove: () => Promise<void> };
    const problems: string[] = [];
    const shot = (name: string): Promise<Buffer> => page.screenshot({ path: path.join(SHOTS, name) });
    /**
     * Clicks a tape in the list and waits for its details. From the click on, the pane names that tape
     * (loading, then loaded) and never the tape it showed before, which is what a user would act on.
     */
    const pick = async (row: Locator, title: string): Promise<void> => {
      await expect(row.locator('.title').textContent()).resolves.toBe(title);
      const id = await row.getAttribute('data-tape');
      // What the pane names straight after the click's handlers (before any reply can arrive).
      await page.evaluate(() => {
        const seen = window as unknown as { paneAfterClick?: string | null };
        seen.paneAfterClick = undefined;
        const look = async (): Promise<void> => {
          for (let i = 0; i < 10; i++) await Promise.resolve();
          seen.paneAfterClick =
            document.querySelector<HTMLElement>(
              '[data-testid=library-detail], [data-testid=library-detail-loading]',
            )?.dataset.tape ?? null;
        };
        window.addEventListener('click', () => void look(), { once: true });
      });
      await row.click();
      await expect
        .poll(() => page.evaluate(() => (window as unknown as { paneAfterClick?: string }).paneAfterClick))
        .toBe(id);
      await page.locator(`[data-testid=library-detail][data-tape="${id}"]`).waitFor();
      await expect(page.getByTestId('tape-title').inputValue()).resolves.toBe(title);
    };

    beforeAll(async () => {
      work = await tempDir('sbl-e2e-library-');
      const folder = path.join(work.dir, 'shoebox');
      await mkdir(path.join(folder, 'monitor'), { recursive: true });
      await writeFile(path.join(folder, 'screen-fill.wav'), basicTape(PEEK_PROGRAM));
      await writeFile(path.join(folder, 'hello.bas'), '10 PRINT "HELLO"\n20 GOTO 10\n');
      await writeFile(
        path.join(folder, 'monitor', 'blink.65v'),
        build65v(
          { address: 0x0200, bytes: Uint8Array.of(0xee, 0x00, 0xd0, 0x4c, 0x00, 0x02) },
          { run: true },
        ),
      );
      await writeFile(path.join(folder, 'monitor', 'nops.bin'), Uint8Array.of(0xea, 0xea, 0x60));
      // More files than the host keeps uploads at once: the area uploads and imports them in batches.
      await mkdir(path.join(folder, 'club'));
      for (let i = 1; i <= 12; i++) {
        await writeFile(
          path.join(folder, 'club', `listing${i}.bas`),
          `10 REM CLUB LISTING ${i}\n20 PRINT ${i}\n`,
        );
      }
      await writeFile(
        path.join(folder, 'letter.doc'),
        Uint8Array.of(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1),
      );
      // Two impaired recordings of one program, each damaged in different places.
      await writeFile(
        path.join(folder, 'message-take1.wav'),
        wavBytes(tapeSamples(PROGRAM_BYTES, [20, 70], 3), RATE),
      );
      // The second take was saved as 8N1 (one stop bit): the library shows each take's detected format.
      await writeFile(
        path.join(work.dir, 'message-take2.wav'),
        wavBytes(tapeSamples(PROGRAM_BYTES, [45, 95], 4, 1), RATE),
      );
      await mkdir(SHOTS, { recursive: true });
      app = await openAppPage();
      page = app.page;
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console: ${message.text()}`);
      });
      await page.keyboard.press('Alt+4');
      await page
        .getByRole('region', { name: 'Library', exact: true })
        .getByRole('button', { name: 'Restore' })
        .waitFor();
    });

    afterAll(async () => {
      await app?.close();
      await work?.remove();
      expect(problems).toEqual([]);
    });

    it('shows an empty library its message and a one-row toolbar in the default layout', async () => {
      const area = page.getByRole('region', { name: 'Library', exact: true });
      await page.keyboard.press('Escape');
      await area.getByRole('button', { name: 'Maximize' }).waitFor();
      const message = page.getByTestId('library-empty');
      await message.waitFor();
      // In sight without scrolling, where an empty list used to push it out of the area.
      const inside = await area.boundingBox();
      const box = await message.boundingBox();
      expect(box!.y + box!.height).toBeLessThanOrEqual(inside!.y + inside!.height);
      await expect(page.getByTestId('library-list').count()).resolves.toBe(0);
      const rows = await page
        .locator('.toolbar')
        .filter({ has: page.getByTestId('library-search') })
        .evaluate((toolbar) =>
          [...toolbar.querySelectorAll<HTMLElement>('input, button, select, summary')]
            .filter((control) => control.checkVisibility())
            .map((control) => {
              const { top, height } = control.getBoundingClientRect();
              return Math.round(top + height / 2);
            }),
        );
      expect(rows.length).toBeGreaterThanOrEqual(5);
      expect(new Set(rows).size).toBe(1);
      await shot('library-empty.png');
      await page.keyboard.press('Alt+4');
      await area.getByRole('button', { name: 'Restore' }).waitFor();
    });

    it('imports a folder of mixed files with a progress bar and a report', async () => {
      await expect(page.getByText('Your tape library is empty.').count()).resolves.toBe(1);
      await page.getByTestId('library-folder-input').setInputFiles(path.join(work.dir, 'shoebox'));
      const progress = page.getByTestId('library-progress');
      await progress.filter({ hasText: 'Imported 18 of 18' }).waitFor({ timeout: 60_000 });
      const report = page.getByTestId('library-report');
      await expect(report.locator('li.imported').count()).resolves.toBe(17);
      await expect(report.locator('li.failed').textContent()).resolves.toMatch(
        /^failed\s*letter\.doc: neither a recording /,
      );
      await expect(report.locator('li.failed').textContent()).resolves.not.toMatch(
        /letter\.doc[^]*letter\.doc/,
      );
      await expect.poll(() => page.getByTestId('library-count').textContent()).toBe('17 tapes');
      await shot('library-import.png');
    });

    it('finds a program by a word in its listing and shows its blocks', async () => {
      await page.getByTestId('library-search').fill('PEEK');
      await expect.poll(() => page.getByTestId('library-count').textContent()).toBe('1 tape matching "PEEK"');
      await pick(page.getByTestId('library-row').first(), 'screen-fill');
      const block = page.getByTestId('block-row').first();
      await expect.poll(() => block.textContent()).toContain('10 REM SCREEN FILL');
      // The format the recording was decoded in, as the Waveform area's Format shows it.
      await expect
        .poll(() => page.getByTestId('take-tape-format').textContent())
        .toBe('300 baud 8N2 (detected)');
      // Inline editing: the title is saved and the list follows.
      await page.getByTestId('tape-title').fill('Screen fill demo');
      await page.getByTestId('tape-title').press('Enter');
      await expect
        .poll(() => page.getByTestId('library-row').first().textContent())
        .toContain('Screen fill demo');
      await shot('library-search.png');
    });

    it('opens a block in the Waveform area at its position', async () => {
      await page.getByTestId('block-row').first().click();
      await page.getByTestId('tape-info').filter({ hasText: 'screen-fill.wav' }).waitFor();
      await page.locator('[data-testid=tape-summary][data-tape="screen-fill.wav"]').waitFor();
      await expect
        .poll(
          async () => {
            const { start, end } = await page
              .getByTestId('overlay')
              .evaluate((canvas: HTMLCanvasElement) => ({
                start: Number(canvas.dataset.start),
                end: Number(canvas.dataset.end),
              }));
            // The block starts after the 1 s leader: the view has moved to it, zoomed in from the whole tape.
            return start <= RATE && end > RATE && end - start < RATE * 8;
          },
          { timeout: 15_000 },
        )
        .toBe(true);
      await shot('library-waveform.png');
      await page.keyboard.press('Alt+4');
      await page
        .getByRole('region', { name: 'Library', exact: true })
        .getByRole('button', { name: 'Restore' })
        .waitFor();
    });

    it('compares and merges two impaired takes of one program into an exact copy', async () => {
      await page.getByTestId('library-search').fill('message');
      await expect
        .poll(() => page.getByTestId('library-count').textContent())
        .toBe('1 tape matching "message"');
      const tape = page.getByTestId('library-row').first();
      // Takes are added to the tape the pane shows: it must be the one clicked.
      await pick(tape, 'message-take1');
      await page.getByTestId('add-takes-input').setInputFiles(path.join(work.dir, 'message-take2.wav'));
      await expect.poll(() => page.getByTestId('take-row').count(), { timeout: 30_000 }).toBe(2);
      await expect.poll(() => tape.locator('.num').first().textContent()).toBe('2');
      await expect(page.getByTestId('tape-title').inputValue()).resolves.toBe('message-take1');
      const rows = page.getByTestId('take-row');
      await expect
        .poll(() => rows.getByTestId('take-tape-format').allTextContents())
        .toEqual(['300 baud 8N2 (detected)', '300 baud 8N1 (detected)']);
      for (let i = 0; i < 2; i++) await rows.nth(i).getByRole('checkbox').check();
      await page.getByTestId('compare-takes').click();
      await expect(page.getByTestId('comparison').textContent()).resolves.toMatch(/\d+ edits apart/);
      await page.getByTestId('merge-takes').click();
      await expect.poll(() => rows.count()).toBe(3);
      const merged = rows.nth(2);
      await expect(merged.textContent()).resolves.toMatch(/merged of \d+\+\d+/);
      const weak = await merged.locator('td.num').nth(1).textContent();
      expect(weak).toBe('0');
      const content = (await page.evaluate(
        async (takeId) => {
          const token = sessionStorage.getItem('superboard-token');
          const ws = new WebSocket(`ws://${location.host}/ipc?token=${token}`);
          await new Promise((resolve) => ws.addEventListener('open', resolve));
          const reply = new Promise<unknown>((resolve) =>
            ws.addEventListener('message', (event) => resolve(JSON.parse(String(event.data)).result)),
          );
          ws.send(JSON.stringify({ id: 1, method: 'library.content', payload: { takeId } }));
          const result = await reply;
          ws.close();
          return result;
        },
        Number(await merged.getAttribute('data-take')),
      )) as { value: { bytesBase64: string } };
      expect(Buffer.from(content.value.bytesBase64, 'base64').toString('latin1')).toBe(PROGRAM_65V);
      await shot('library-merge.png');
    });

    it('names what each take column holds and fits the take rows in the pane at 1400 and 1280 px', async () => {
      const headings = await page.getByTestId('takes').locator('th').allTextContents();
      expect(headings.map((h) => h.trim()).filter((h) => h !== '')).toEqual([
        'Best',
        'Take',
        'File',
        'Tape format',
        'Bytes',
        'Errors',
        'Recording',
      ]);
      const rows = page.getByTestId('take-row');
      await expect(rows.getByTestId('take-file').allTextContents()).resolves.toEqual([
        'WAV',
        'WAV',
        expect.stringMatching(/^merged of \d+\+\d+$/),
      ]);
      await expect(rows.getByTestId('take-recording').first().textContent()).resolves.toMatch(
        /^22050 Hz · 6\.\d s · speed [+-]\d+\.\d%$/,
      );
      // How far the take rows' controls reach past the pane's right edge, and how far the pane scrolls sideways.
      const overflow = (): Promise<{ past: number; scroll: number; controls: number }> =>
        page.getByTestId('library-detail').evaluate((detail) => {
          const pane = detail.parentElement as HTMLElement;
          const right = Math.min(
            pane.getBoundingClientRect().right,
            (pane.closest('.library') as HTMLElement).getBoundingClientRect().right,
          );
          const controls = [
            ...detail.querySelectorAll<HTMLElement>('[data-testid=take-row] :is(button, summary, input)'),
          ].filter((control) => control.checkVisibility());
          return {
            past: Math.max(...controls.map((control) => control.getBoundingClientRect().right - right)),
            scroll: pane.scrollWidth - pane.clientWidth,
            controls: controls.length,
          };
        });
      const area = page.getByRole('region', { name: 'Library', exact: true });
      for (const width of [1400, 1280]) {
        await page.setViewportSize({ width, height: 1000 });
        for (const layout of ['maximized', 'default']) {
          if (layout === 'default') {
            await page.keyboard.press('Escape');
            await area.getByRole('button', { name: 'Maximize' }).waitFor();
            await page.getByTestId('library-detail').scrollIntoViewIfNeeded();
          }
          const fit = await overflow();
          await area.screenshot({ path: path.join(SHOTS, `library-takes-${layout}-${width}.png`) });
          // A checkbox, a radio button, Load and More in each of the three rows.
          expect(fit.controls, `${layout} at ${width} px`).toBe(12);
          expect(fit.past, `${layout} at ${width} px`).toBeLessThanOrEqual(0);
          expect(fit.scroll, `${layout} at ${width} px`).toBeLessThanOrEqual(0);
          if (layout === 'default') {
            await page.keyboard.press('Alt+4');
            await area.getByRole('button', { name: 'Restore' }).waitFor();
          }
        }
      }
      await page.setViewportSize({ width: 1400, height: 1000 });
      // The actions besides Load are under More, one take's at a time.
      await rows.nth(0).getByTestId('take-menu').click();
      const menu = rows.nth(0).getByRole('menu');
      await expect(menu.getByRole('button').allTextContents()).resolves.toEqual([
        'Open in Waveform',
        'Play to board…',
        'Original file',
        'Clean WAV (48 kHz)',
        'Text listing',
        'Raw bytes',
        '65V text',
        'Audacity labels',
        'Zip of all + manifest',
        'Delete take',
      ]);
      await shot('library-take-menu.png');
      await page.keyboard.press('Escape');
      await rows.nth(0).getByTestId('take-menu').click();
      await expect(menu.isVisible()).resolves.toBe(false);
    });

    it('loads the merged take into the emulator, where the monitor reads and runs it', async () => {
      await page.keyboard.press('Escape');
      await page
        .getByRole('region', { name: 'Library', exact: true })
        .getByRole('button', { name: 'Maximize' })
        .waitFor();
      await page.getByTestId('screen').click();
      await page.keyboard.press('l', { delay: 50 });
      await page.getByTestId('take-row').nth(2).getByTestId('load-take').click();
      const first = MESSAGE.charCodeAt(0);
      await expect.poll(() => peekFromPage(page, 0xd2c5), { timeout: 30_000 }).toBe(first);
      const shown: number[] = [];
      for (let i = 0; i < MESSAGE.length; i++) shown.push(await peekFromPage(page, 0xd2c5 + i));
      expect(String.fromCharCode(...shown)).toBe(MESSAGE);
      await shot('library-emulator.png');
    });

    it('filters the list by the day tapes were added or changed', async () => {
      const count = (): Promise<string | null> => page.getByTestId('library-count').textContent();
      const day = (offset: number): string => {
        const date = new Date(Date.now() + offset * 86_400_000);
        const two = (n: number): string => String(n).padStart(2, '0');
        return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
      };
      await page.getByTestId('library-search').fill('');
      await expect.poll(count).toBe('17 tapes');
      // In the default layout the sort and filters are folded under their button.
      await page.getByTestId('library-filters-toggle').click();
      await page.getByTestId('library-from').fill(day(1));
      await expect.poll(count).toBe('0 tapes');
      await expect(page.getByText('Your tape library is empty.').count()).resolves.toBe(0);
      await page.getByTestId('library-from').fill(day(-1));
      await page.getByTestId('library-to').fill(day(0));
      await expect.poll(count).toBe('17 tapes');
      await page.getByTestId('library-to').fill(day(-1));
      await expect.poll(count).toBe('0 tapes');
      await page.getByLabel('Date', { exact: true }).selectOption('modified');
      await page.getByTestId('library-to').fill('');
      await expect.poll(count).toBe('17 tapes');
      await page.getByTestId('library-from').fill(day(1));
      await expect.poll(count).toBe('0 tapes');
      await shot('library-dates.png');
      await expect(page.getByTestId('library-filters-toggle').textContent()).resolves.toBe(
        'Sort & filter (1)',
      );
      await page.getByTestId('library-from').fill('');
      await expect.poll(count).toBe('17 tapes');
    });
  },
);
