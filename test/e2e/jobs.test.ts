import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppPage, type AppPage } from '../support/app-page.ts';
import { HAVE_CHROMIUM } from '../support/browser.ts';
import { REPO } from '../support/web-host-process.ts';

describe.skipIf(!HAVE_CHROMIUM)('Jobs view in Chromium (needs /usr/bin/chromium)', () => {
  let app: AppPage;
  let page: Page;

  beforeAll(async () => {
    app = await openAppPage();
    ({ page } = app);
  });

  afterAll(() => app?.close());

  it('runs pasted jobs in the app and shows them done and failed, with the screen of a finished one', async () => {
    await page.getByRole('button', { name: 'Jobs' }).click();
    const panel = page.getByTestId('jobs-panel');
    await panel
      .getByLabel('Jobs as JSON Lines')
      .fill(
        [
          JSON.stringify({ id: 'boot', until: 'HELP', cycles: 5_000_000 }),
          JSON.stringify({ id: 'bad', ram: 99 }),
        ].join('\n'),
      );
    await panel.getByRole('button', { name: 'Run' }).click();
    const summary = panel.getByTestId('jobs-summary');
    const text = async (): Promise<string> => ((await summary.textContent()) ?? '').replace(/\s+/g, ' ');
    await expect.poll(text, { timeout: 60_000 }).toMatch(/0 queued · 0 running · 1 done · 1 failed/);
    await expect.poll(text).toMatch(/threads? here · 1 job submitted, 1 refused/);
    const rows = panel.getByTestId('job-row');
    await expect.poll(() => rows.count()).toBe(2);
    await expect.poll(() => rows.nth(1).textContent()).toMatch(/bad\s*failed.*invalid: bad job: ram/);
    await rows.nth(0).getByRole('button').click();
    await expect.poll(() => panel.locator('pre.screen').textContent()).toContain('SUPERBOARD LAB MONITOR');
    await page.screenshot({ path: path.join(REPO, 'test-results', 'jobs.png') });
    await panel.getByRole('button', { name: 'Clear finished' }).click();
    await expect.poll(() => rows.count()).toBe(0);
  });
});
