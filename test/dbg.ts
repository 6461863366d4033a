import { writeFile } from 'node:fs/promises';
import { encodeKcs } from '../src-main/core/modem/kcs-encoder.ts';
import { launchChromium } from './support/browser.ts';
import { writeLongTape } from './support/long-tape.ts';
import { startBuiltWebHost } from './support/web-host-process.ts';
import { wavBytes } from './support/wav-writer.ts';
const RATE = 44100;
const host = await startBuiltWebHost('/tmp/wsdbg');
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1500, height: 900 } });
  page.on('console', (m) => console.log('console', m.text()));
  page.on('pageerror', (e) => console.log('pageerror', e.message));
  await page.goto(host.url);
  await page.getByTestId('connection').filter({ hasText: 'connected' }).waitFor();
  const bytes = Uint8Array.from({ length: 5000 }, (_, i) => 0x41 + (i % 26));
  await writeFile(
    '/tmp/wsdbg/long.wav',
    wavBytes(encodeKcs(bytes, { sampleRate: RATE, leaderSeconds: 2, trailerSeconds: 45 }), RATE),
  );
  await page
    .getByRole('region', { name: 'Waveform', exact: true })
    .locator('input[type=file]')
    .setInputFiles('/tmp/wsdbg/long.wav');
  await page.locator('[data-testid=overlay][data-ready="1"]').waitFor();
  const st = () =>
    page
      .getByTestId('overlay')
      .evaluate((c: HTMLCanvasElement) => ({ ...c.dataset, w: c.width, cw: c.clientWidth }));
  console.log(await st(), await page.getByTestId('waveform').boundingBox());
  await page.getByTestId('zoom-cycles').click();
  await page.waitForTimeout(1000);
  console.log(await st(), await page.getByTestId('zoom').textContent());
  await page.getByTestId('tab-text').click();
  const t = page.getByTestId('text-view').locator(`[data-byte="4000"]`);
  await t.scrollIntoViewIfNeeded();
  console.log('here', await page.getByTestId('text-view').locator('.here').getAttribute('data-byte'));
  await t.click();
  await page.waitForTimeout(1000);
  console.log(await st(), 'expect', Math.ceil(((2 * 300 + 4000 * 11) * RATE) / 300));
  console.log('sel', await page.getByTestId('text-view').locator('.sel').getAttribute('data-byte'));
  await page.screenshot({ path: '/tmp/wsdbg/b.png' });
  process.exit(0);
  await writeLongTape('/tmp/wsdbg/four.wav', { seconds: 240, sampleRate: 48000, dropoutEvery: 40 });
  await page
    .getByRole('region', { name: 'Waveform', exact: true })
    .locator('input[type=file]')
    .setInputFiles('/tmp/wsdbg/four.wav');
  await page.locator('[data-testid=tape-summary][data-tape="four.wav"]').waitFor();
  await page.locator('[data-testid=overlay][data-ready="1"]').waitFor();
  console.log(await page.getByTestId('summary-errors').textContent());
  await page.screenshot({ path: '/tmp/wsdbg/c.png' });
} finally {
  await browser.close();
  await host.stop();
}
