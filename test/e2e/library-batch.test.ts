import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build65v } from '../../src-main/core/formats/osi65v.ts';
import { openAppPage, type AppPage } from '../support/app-page.ts';
import { messageProgram } from '../support/assemble.ts';
import { HAVE_CHROMIUM } from '../support/browser.ts';
import { tempDir } from '../support/temp-dir.ts';
import { REPO } from '../support/web-host-process.ts';

describe.skipIf(!HAVE_CHROMIUM)('the library batch in Chromium (needs /usr/bin/chromium)', () => {
  let app: AppPage;
  let page: Page;
  let work: { dir: string; remove: () => Promise<void> };

  beforeAll(async () => {
    work = await tempDir('sbl-e2e-batch-');
    await mkdir(path.join(work.dir, 'in'));
    await writeFile(
      path.join(work.dir, 'in', 'greeting.65v'),
      build65v(messageProgram('FIRST SCREEN').segments, { run: 0x0300 }),
    );
    await writeFile(path.join(work.dir, 'in', 'listing.bas'), '10 PRINT "HELLO"\n');
    app = await openAppPage();
    ({ page } = app);
  });

  afterAll(async () => {
    await app?.close();
    await work?.remove();
  });

  it('runs every tape with Run all and shows ran or failed beside each, and the first screen', async () => {
    await page
      .getByTestId('library-files-input')
      .setInputFiles([path.join(work.dir, 'in', 'greeting.65v'), path.join(work.dir, 'in', 'listing.bas')]);
    await expect
      .poll(() => page.getByTestId('library-count').textContent(), { timeout: 30_000 })
      .toMatch(/^2 tapes/);
    await page.getByTestId('library-batch-run').click();
    await expect
      .poll(() => page.getByTestId('library-batch-progress').textContent(), { timeout: 60_000 })
      .toMatch(/ran 2\/2/);
    const row = page.getByTestId('library-row').filter({ hasText: 'greeting' });
    await expect.poll(() => row.getByTestId('library-batch-badge').textContent()).toBe('✓');
    // No BASIC ROM here: the listing failed alone, and its mark says why.
    const listing = page.getByTestId('library-row').filter({ hasText: 'listing' });
    const title = await listing.getByTestId('library-batch-badge').getAttribute('title');
    expect(title).toMatch(/^(failed: .*BASIC ROM|ran: )/);
    await row.click();
    const result = page.getByTestId('library-batch-result');
    await expect.poll(() => result.textContent()).toMatch(/Ran: settled/);
    await expect.poll(() => result.locator('pre').textContent()).toContain('FIRST SCREEN');
    await page.locator('[data-area="library"]').getByRole('button', { name: 'Maximize' }).click();
    await result.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(REPO, 'test-results', 'library-batch.png') });
    await page.locator('[data-area="library"]').getByRole('button', { name: 'Restore' }).click();
    // The batch's jobs are in the Jobs view.
    await page.getByRole('button', { name: 'Jobs' }).click();
    await expect.poll(() => page.getByTestId('job-row').count()).toBe(2);
    await expect.poll(() => page.getByTestId('jobs-panel').textContent()).toMatch(/tape-\d+/);
    // Below them, the real board's gateway: not listening until started.
    const gateway = page.getByTestId('board-gateway');
    await expect.poll(() => gateway.getByTestId('board-gateway-status').textContent()).toMatch(/\S/);
    expect(await gateway.getByRole('button', { name: 'Start the gateway' }).count()).toBe(1);
    await page.screenshot({ path: path.join(REPO, 'test-results', 'jobs-gateway.png') });
  });
});
