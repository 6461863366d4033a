import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppPage, type AppPage } from '../support/app-page.ts';
import { HAVE_CHROMIUM } from '../support/browser.ts';
import { peekFromPage } from '../support/page-ipc.ts';
import { REPO } from '../support/web-host-process.ts';

describe.skipIf(!HAVE_CHROMIUM)('Machine panel in Chromium (needs /usr/bin/chromium)', () => {
  let app: AppPage;
  let page: Page;
  let userDataDir: string;

  beforeAll(async () => {
    app = await openAppPage();
    ({ page, userDataDir } = app);
  });

  afterAll(() => app?.close());

  const peek = (address: number): Promise<number> => peekFromPage(page, address);

  async function openPanel(): Promise<void> {
    if (await page.getByTestId('machine-panel').isVisible()) return;
    await page.getByTestId('machine-panel-open').click();
    await page.getByTestId('machine-panel').waitFor();
  }

  const notice = (): ReturnType<Page['getByTestId']> => page.getByTestId('machine-panel-notice');

  it('shows the ROMs in use with their SHA-1', async () => {
    await openPanel();
    const monitor = page.getByTestId('rom-monitor');
    await expect.poll(() => monitor.textContent()).toMatch(/Lab Monitor\s*[0-9a-f]{40}\s*known/);
    expect(await page.getByTestId('rom-basic').textContent()).toContain('none');
  });

  it('refuses a monitor file of the wrong size with the service error and keeps the Lab Monitor', async () => {
    await openPanel();
    await page.getByTestId('monitor-file').setInputFiles({
      name: 'short-monitor.rom',
      mimeType: 'application/octet-stream',
      buffer: Buffer.alloc(1000, 0xea),
    });
    await page.getByTestId('monitor-choice').filter({ hasText: 'short-monitor.rom' }).waitFor();
    await page.getByTestId('apply-roms').click();
    await notice().filter({ hasText: 'short-monitor.rom' }).waitFor();
    expect(await notice().textContent()).toMatch(/1000 bytes; expected exactly 2048/);
    expect(await notice().getAttribute('role')).toBe('alert');
    expect(await page.getByTestId('rom-monitor').textContent()).toContain('Lab Monitor');
    await page.getByRole('button', { name: 'Undo changes' }).click();
  });

  it('lists four BASIC parts sorted by name with their addresses and lets the user reorder them', async () => {
    await openPanel();
    const part = (name: string) => ({
      name,
      mimeType: 'application/octet-stream',
      buffer: Buffer.alloc(2048),
    });
    await page
      .getByTestId('basic-files')
      .setInputFiles([part('basic3.rom'), part('basic1.rom'), part('basic4.rom'), part('basic2.rom')]);
    const items = page.getByTestId('basic-parts').locator('li');
    await expect.poll(() => items.count()).toBe(4);
    const rows = async (): Promise<string[]> =>
      (await items.allTextContents()).map((t) => t.replace(/[↑↓\s]+/g, ' ').trim());
    expect(await rows()).toEqual([
      '$A000 basic1.rom 2K',
      '$A800 basic2.rom 2K',
      '$B000 basic3.rom 2K',
      '$B800 basic4.rom 2K',
    ]);
    await page.getByRole('button', { name: 'Move basic1.rom down' }).click();
    expect((await rows()).slice(0, 2)).toEqual(['$A000 basic2.rom 2K', '$A800 basic1.rom 2K']);
    await page.screenshot({ path: path.join(REPO, 'test-results', 'machine-panel.png') });
    await page.getByRole('button', { name: 'Undo changes' }).click();
    await expect.poll(() => items.count()).toBe(0);
  });

  it('saves the machine state, and loading it back restores memory changed by typing', async () => {
    await openPanel();
    const original = await peek(0x0300);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('save-state').click(),
    ]);
    const name = download.suggestedFilename();
    expect(name).toMatch(/^superboard-\d{8}-\d{6}\.sblstate$/);
    const file = path.join(userDataDir, name);
    await download.saveAs(file);
    const text = await readFile(file, 'utf8');
    expect(JSON.parse(text)).toMatchObject({ format: 'superboard-lab/machine-state', version: 1 });

    await page.getByTestId('machine-panel-close').click();
    const value = original === 0xa9 ? 0x5a : 0xa9;
    await page.getByTestId('screen').click();
    await page.keyboard.type(`.0300/${value.toString(16).toUpperCase()}\n`);
    await expect.poll(() => peek(0x0300), { timeout: 10_000 }).toBe(value);

    await openPanel();
    await page.getByTestId('state-file').setInputFiles(file);
    await notice()
      .filter({ hasText: `Loaded the machine state from ${name}` })
      .waitFor();
    expect(await peek(0x0300)).toBe(original);
  });

  it('refuses a damaged state file with a clear error and leaves memory as it was', async () => {
    await openPanel();
    const before = await peek(0x0300);
    await page.getByTestId('state-file').setInputFiles({
      name: 'damaged.sblstate',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format":"superboard-lab/machine-state","version":7}'),
    });
    await notice().filter({ hasText: 'damaged.sblstate' }).waitFor();
    expect(await notice().textContent()).toMatch(/version 7 is not supported/);
    expect(await peek(0x0300)).toBe(before);
  });

  it('stops at a breakpoint set in the panel and says so in the status line', async () => {
    await openPanel();
    await page.getByTestId('breakpoint-address').fill('$0300');
    await page.getByTestId('add-breakpoint').click();
    await page.getByTestId('breakpoints').filter({ hasText: '$0300' }).waitFor();
    await page.getByTestId('machine-panel-close').click();
    await page.getByTestId('screen').click();
    await page.keyboard.type('.0300/60\n.0300G');
    await page.getByTestId('machine-message').filter({ hasText: 'Breakpoint at $0300.' }).waitFor();
    expect(await page.getByTestId('machine-status').textContent()).toContain('paused');

    await openPanel();
    await page.getByTestId('clear-breakpoints').click();
    await page.getByTestId('breakpoints').filter({ hasText: 'No breakpoints' }).waitFor();
    await page.getByTestId('run-to-address').fill('zz');
    await page.getByTestId('run-to').click();
    await notice().filter({ hasText: '"zz" is not a hex address' }).waitFor();
    await page.getByTestId('run-to-address').fill('0300');
    await page.getByTestId('run-to').click();
    await page.getByTestId('machine-panel-close').click();
    await page.getByTestId('screen').click();
    await page.keyboard.type('.0300G');
    await page.getByTestId('machine-message').filter({ hasText: 'Reached $0300 (run to).' }).waitFor();
  });

  it('pauses on a watched write set in the panel', async () => {
    await page
      .getByTestId('resume')
      .click()
      .catch(() => {});
    await openPanel();
    await page.getByTestId('watch-address').fill('0340');
    await page.getByTestId('watch-kind').selectOption('write');
    await page.getByTestId('add-watchpoint').click();
    await page.getByTestId('watchpoints').filter({ hasText: '$0340' }).waitFor();
    await page.getByTestId('machine-panel-close').click();
    await page.getByTestId('screen').click();
    await page.keyboard.type('.0340/77\n');
    await page
      .getByTestId('machine-message')
      .filter({ hasText: /Watchpoint: write of \$0340 at PC \$F/ })
      .waitFor();
    expect(await page.getByTestId('machine-status').textContent()).toContain('paused');
  });
});
