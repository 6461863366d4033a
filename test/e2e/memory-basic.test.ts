import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppPage, type AppPage } from '../support/app-page.ts';
import { HAVE_CHROMIUM } from '../support/browser.ts';
import { fakeBasicRom } from '../support/fake-basic.ts';
import { requestFromPage } from '../support/page-ipc.ts';
import { tempDir } from '../support/temp-dir.ts';
import { findUserRoms } from '../support/user-roms.ts';
import { REPO } from '../support/web-host-process.ts';

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(REPO, 'test-results', name) });

async function poke(page: Page, address: number, bytes: readonly number[]): Promise<void> {
  for (const [i, value] of bytes.entries()) {
    const result = (await requestFromPage(page, 'memory.poke', { address: address + i, value })) as {
      ok: boolean;
    };
    expect(result.ok).toBe(true);
  }
}

describe.skipIf(!HAVE_CHROMIUM)('BASIC program view on our own test BASIC (needs /usr/bin/chromium)', () => {
  let app: AppPage;
  let removeRoms: () => Promise<void>;

  beforeAll(async () => {
    const roms = await tempDir();
    removeRoms = roms.remove;
    await writeFile(path.join(roms.dir, 'basic.rom'), fakeBasicRom());
    app = await openAppPage(['--rom-dir', roms.dir]);
  });

  afterAll(async () => {
    await app?.close();
    await removeRoms?.();
  });

  it('lists a program poked into RAM, tokenized, at the start-of-program pointer, and its variable', async () => {
    const { page } = app;
    await requestFromPage(page, 'machine.control', { action: 'pause' });
    // Tokenized by hand as OSI BASIC keeps it: link, line number, body with keywords as tokens, 0.
    const program = [
      0x00, // $0300: BASIC's 0 before the program
      0x0c, 0x03, 0x0a, 0x00, 0x97, 0x20, 0x22, 0x48, 0x49, 0x22, 0x00, // $0301: 10 PRINT "HI"
      0x1a, 0x03, 0x14, 0x00, 0x41, 0xab, 0x41, 0xa3, 0x31, 0x3a, 0x88, 0x31, 0x30, 0x00, // $030C: 20 A=A+1:GOTO10
      0x00, 0x00, // $031A: the end-of-program link
    ]; // prettier-ignore
    await poke(page, 0x0300, program);
    // One simple variable after the program: A = 5 (exponent $83, mantissa .101 with the sign bit clear).
    await poke(page, 0x031c, [0x41, 0x00, 0x83, 0x20, 0x00, 0x00]);
    // TXTTAB = $0301, VARTAB = $031C, ARYTAB = STREND = $0322.
    await poke(page, 0x79, [0x01, 0x03, 0x1c, 0x03, 0x22, 0x03, 0x22, 0x03]);
    await page.getByTestId('memory-tab-basic').click();
    const listing = page.getByTestId('basic-listing');
    await expect
      .poll(() => listing.textContent(), { timeout: 10_000 })
      .toBe('10 PRINT "HI"\n20 A=A+1:GOTO10');
    await expect.poll(() => page.getByTestId('basic-variables').textContent()).toMatch(/^\s*A\s*5\s*$/);
    await shot(page, 'memory-basic-poked.png');
  });
});

const found = await findUserRoms();
const basicReason = found.roms?.basic
  ? ''
  : found.roms
    ? `${found.roms.dir} holds no known OSI BASIC rev 3.2 dump`
    : found.reason;
if (basicReason !== '') console.warn(`BASIC program view with a real BASIC ROM skipped: ${basicReason}`);

describe.skipIf(!HAVE_CHROMIUM || basicReason !== '')(
  `BASIC program view with the user's BASIC ROM${basicReason === '' ? '' : ` (skipped: ${basicReason})`}`,
  () => {
    let app: AppPage;
    beforeAll(async () => {
      app = await openAppPage(['--rom-dir', found.roms!.dir]);
    });
    afterAll(() => app?.close());

    const type = async (text: string, settle = 1500) => {
      await requestFromPage(app.page, 'machine.type', { text });
      await app.page.waitForTimeout(settle + text.length * 120);
    };

    it('lists a program typed in, and its variables after RUN', async () => {
      const { page } = app;
      // Cold start: C, then RETURN to MEMORY SIZE? and TERMINAL WIDTH?
      await type('C');
      await type('\r');
      await type('\r', 3000);
      await type('10 A=5:B$="HI"\r20 DIMC(3):C(1)=7\r');
      await page.getByTestId('memory-tab-basic').click();
      const listing = page.getByTestId('basic-listing');
      await expect
        .poll(() => listing.textContent(), { timeout: 10_000 })
        .toMatch(/10 A=5:B\$="HI"\s+20 DIMC\(3\):C\(1\)=7/);
      await type('RUN\r');
      const variables = page.getByTestId('basic-variables');
      await expect.poll(() => variables.textContent(), { timeout: 10_000 }).toMatch(/A\s*5/);
      const text = (await variables.textContent()) ?? '';
      expect(text).toMatch(/B\$\s*"HI"/);
      expect(text).toMatch(/C\(3\)\s*0, 7, 0, 0/);
      await shot(page, 'memory-basic-real.png');
    });
  },
);
