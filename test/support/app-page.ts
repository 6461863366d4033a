import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser.ts';
import { tempDir } from './temp-dir.ts';
import { startBuiltWebHost, type RunningHost } from './web-host-process.ts';

export interface AppPage {
  host: RunningHost;
  browser: Browser;
  page: Page;
  /** The host's user data folder, a fresh temporary one. */
  userDataDir: string;
  close(): Promise<void>;
}

/**
 * The built browser host on a fresh user data folder (with `hostArgs`, such as `--rom-dir DIR`), open in
 * Chromium with the emulated machine booted. `beforeGoto` runs on the blank page first (to route its traffic).
 */
export async function openAppPage(
  hostArgs: readonly string[] = [],
  beforeGoto?: (page: Page) => Promise<void>,
): Promise<AppPage> {
  const userData = await tempDir();
  const host = await startBuiltWebHost(userData.dir, hostArgs);
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  await beforeGoto?.(page);
  await page.goto(host.url);
  await page.getByTestId('machine-status').filter({ hasText: 'running' }).waitFor();
  return {
    host,
    browser,
    page,
    userDataDir: userData.dir,
    close: async () => {
      await browser.close();
      await host.stop();
      await userData.remove();
    },
  };
}
