// Choosing a tape in the Library's list while its details are slow to come: the page's IPC socket is routed
// through Playwright, which holds back the host's replies to `library.tape` until the test lets them go.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppPage, type AppPage } from '../support/app-page.ts';
import { HAVE_CHROMIUM } from '../support/browser.ts';
import { tempDir } from '../support/temp-dir.ts';

/** Replies to `library.tape` held back while `holding`, by request id, in the order they came. */
class HeldReplies {
  holding = false;
  readonly held: { id: number; tapeId: number; send: () => void }[] = [];
  readonly #asked = new Map<number, number>();

  /** Notes a request from the page; true when it asks for a tape's details. */
  asked(message: string): void {
    const request = JSON.parse(message) as { id: number; method: string; payload: { tapeId?: number } };
    if (request.method === 'library.tape') this.#asked.set(request.id, Number(request.payload.tapeId));
  }

  /** Passes a reply from the host on now, or keeps it when it is a held tape's details. */
  reply(message: string, send: () => void): void {
    const reply = JSON.parse(message) as { type: string; id: number | null };
    const tapeId = reply.type === 'response' && reply.id !== null ? this.#asked.get(reply.id) : undefined;
    if (tapeId === undefined || !this.holding) return send();
    this.held.push({ id: reply.id as number, tapeId, send });
  }

  /** The tapes whose details are held back. */
  get tapes(): number[] {
    return [...new Set(this.held.map((h) => h.tapeId))];
  }

  /** Lets the held replies for `tapeId` go, in the order they came. */
  release(tapeId: number): void {
    if (!this.held.some((h) => h.tapeId === tapeId)) throw new Error(`no reply for tape ${tapeId} is held`);
    for (const reply of this.held.filter((h) => h.tapeId === tapeId)) {
      this.held.splice(this.held.indexOf(reply), 1);
      reply.send();
    }
  }
}

describe.skipIf(!HAVE_CHROMIUM)(
  'choosing a tape in the Library in Chromium (needs /usr/bin/chromium)',
  () => {
    let app: AppPage;
    let page: Page;
    let work: { dir: string; remove: () => Promise<void> };
    const replies = new HeldReplies();

    const row = (title: string): Locator => page.getByTestId('library-row').filter({ hasText: title });
    const idOf = async (title: string): Promise<number> => Number(await row(title).getAttribute('data-tape'));
    const shownTape = (id: number): Locator =>
      page.locator(`[data-testid=library-detail][data-tape="${id}"]`);

    beforeAll(async () => {
      work = await tempDir('sbl-e2e-select-');
      await mkdir(path.join(work.dir, 'in'));
      await writeFile(path.join(work.dir, 'in', 'alpha.bas'), '10 PRINT "ALPHA"\n');
      await writeFile(path.join(work.dir, 'in', 'bravo.bas'), '10 PRINT "BRAVO"\n20 GOTO 10\n');
      await writeFile(path.join(work.dir, 'in', 'charlie.bas'), '10 PRINT "CHARLIE"\n');
      app = await openAppPage([], async (blank) => {
        await blank.routeWebSocket(/\/ipc\?/, (ws) => {
          const server = ws.connectToServer();
          ws.onMessage((message) => {
            replies.asked(String(message));
            server.send(message);
          });
          server.onMessage((message) => replies.reply(String(message), () => ws.send(message)));
        });
      });
      ({ page } = app);
      await page
        .getByTestId('library-files-input')
        .setInputFiles(
          ['alpha.bas', 'bravo.bas', 'charlie.bas'].map((name) => path.join(work.dir, 'in', name)),
        );
      await page
        .getByTestId('library-count')
        .filter({ hasText: /^3 tapes$/ })
        .waitFor({ timeout: 30_000 });
      await page.keyboard.press('Alt+4');
      await page
        .getByRole('region', { name: 'Library', exact: true })
        .getByRole('button', { name: 'Restore' })
        .waitFor();
    });

    afterAll(async () => {
      await app?.close();
      await work?.remove();
    });

    it('shows the clicked tape loading, with nothing to act on, until its details are in', async () => {
      const alpha = await idOf('alpha');
      const bravo = await idOf('bravo');
      await row('alpha').click();
      await shownTape(alpha).waitFor();
      replies.holding = true;
      await row('bravo').click();
      // Not a moment of the tape shown before: its name, fields and actions are gone at once.
      const loading = page.getByTestId('library-detail-loading');
      await expect(loading.getAttribute('data-tape')).resolves.toBe(String(bravo));
      await expect(loading.getByTestId('loading-title').textContent()).resolves.toBe('bravo');
      await expect(loading.textContent()).resolves.toContain('loading…');
      await expect(page.getByTestId('library-detail').count()).resolves.toBe(0);
      await expect(page.getByTestId('tape-title').count()).resolves.toBe(0);
      await expect(page.getByTestId('add-takes-input').count()).resolves.toBe(0);
      const buttons = loading.getByRole('button');
      await expect(buttons.count()).resolves.toBeGreaterThan(0);
      for (const button of await buttons.all()) await expect(button.isDisabled()).resolves.toBe(true);
      // The tape shown before may have been asked for again (a refresh after the import): its answer now changes
      // nothing.
      await expect.poll(() => replies.tapes).toContain(bravo);
      for (const other of replies.tapes.filter((id) => id !== bravo)) replies.release(other);
      await page.screenshot({ path: path.join(process.cwd(), 'test-results', 'library-loading.png') });

      replies.holding = false;
      replies.release(bravo);
      await shownTape(bravo).waitFor();
      await expect(page.getByTestId('tape-title').inputValue()).resolves.toBe('bravo');
      await expect(loading.count()).resolves.toBe(0);
    });

    it('shows the last tape clicked, whichever order the replies for earlier clicks come in', async () => {
      const alpha = await idOf('alpha');
      const bravo = await idOf('bravo');
      const charlie = await idOf('charlie');
      const count = page.getByTestId('library-count');
      /** Waits until every reply sent before now has reached the page: a search's answer comes after them. */
      const settle = async (search: string, shown: string): Promise<void> => {
        await page.getByTestId('library-search').fill(search);
        await expect.poll(() => count.textContent()).toBe(shown);
      };
      for (const alphaFirst of [true, false]) {
        replies.holding = true;
        await row('alpha').click();
        await row('charlie').click();
        await expect
          .poll(() => page.getByTestId('library-detail-loading').getAttribute('data-tape'))
          .toBe(String(charlie));
        const byId = (a: number, b: number): number => a - b;
        await expect
          .poll(() => replies.tapes.filter((id) => id !== bravo).sort(byId))
          .toEqual([alpha, charlie].sort(byId));
        if (replies.tapes.includes(bravo)) replies.release(bravo);
        replies.holding = false;
        if (alphaFirst) {
          // The first click's answer comes while the second's is awaited: charlie stays loading.
          replies.release(alpha);
          await settle('charlie', '1 tape matching "charlie"');
          await expect(page.getByTestId('library-detail').count()).resolves.toBe(0);
          await expect(page.getByTestId('library-detail-loading').getAttribute('data-tape')).resolves.toBe(
            String(charlie),
          );
          replies.release(charlie);
          await shownTape(charlie).waitFor();
        } else {
          // The first click's answer comes last, after charlie is shown, and is dropped.
          replies.release(charlie);
          await shownTape(charlie).waitFor();
          replies.release(alpha);
          await settle('charlie', '1 tape matching "charlie"');
        }
        await expect(page.getByTestId('library-detail').getAttribute('data-tape')).resolves.toBe(
          String(charlie),
        );
        await expect(page.getByTestId('tape-title').inputValue()).resolves.toBe('charlie');
        await expect(row('charlie').getAttribute('aria-selected')).resolves.toBe('true');
        await settle('', '3 tapes');
      }
    });
  },
);
