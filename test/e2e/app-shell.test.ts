import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAVE_CHROMIUM, launchChromium } from '../support/browser.ts';
import { tempDir } from '../support/temp-dir.ts';
import { REPO, startBuiltWebHost, type RunningHost } from '../support/web-host-process.ts';

const SHOTS = path.join(REPO, 'test-results');

describe.skipIf(!HAVE_CHROMIUM)(
  'app shell in Chromium against the browser host (needs /usr/bin/chromium)',
  () => {
    let host: RunningHost;
    let browser: Browser;
    let page: Page;
    let userData: { dir: string; remove: () => Promise<void> };
    const problems: string[] = [];

    beforeAll(async () => {
      userData = await tempDir();
      host = await startBuiltWebHost(userData.dir);
      browser = await launchChromium();
      page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console: ${message.text()}`);
      });
      await page.goto(host.url);
      await page.getByTestId('connection').filter({ hasText: 'connected' }).waitFor();
    });

    afterAll(async () => {
      await browser?.close();
      const code = await host?.stop();
      expect(code).toBe(0);
      await userData?.remove();
    });

    it('shows the four work areas, the status bar and the host version', async () => {
      for (const area of ['Screen', 'Waveform', 'Memory', 'Library']) {
        await expect(page.getByRole('region', { name: area, exact: true }).isVisible()).resolves.toBe(true);
      }
      await expect(page.getByTestId('app-version').textContent()).resolves.toMatch(
        /Superboard Lab \d+\.\d+\.\d+ · linux/,
      );
      expect(new URL(page.url()).hash).toBe('');
      await mkdir(SHOTS, { recursive: true });
      await page.screenshot({ path: path.join(SHOTS, 'app-shell.png') });
    });

    it('round-trips a setting through main and keeps it across a reload', async () => {
      // Without a BASIC ROM fitted, the map says $A000 is empty rather than promising a dump.
      await page.getByTestId('memory-map').getByText('Nothing fitted (no BASIC ROM): unmapped').waitFor();
      await page.getByTestId('ram-size').selectOption('32');
      await page.getByTestId('memory-map').getByText('RAM, 32K').waitFor();
      const onDisk = JSON.parse(await readFile(path.join(userData.dir, 'settings.json'), 'utf8'));
      expect(onDisk.machine.ramKb).toBe(32);
      await page.reload();
      await page.getByTestId('connection').filter({ hasText: 'connected' }).waitFor();
      await page.getByTestId('memory-map').getByText('$7FFF').waitFor();
      expect(await page.getByTestId('ram-size').inputValue()).toBe('32');
    });

    it('uploads a tape and describes it from main', async () => {
      const bytes = Buffer.concat([Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt '), Buffer.alloc(64, 7)]);
      const file = path.join(userData.dir, 'probe.wav');
      await writeFile(file, bytes);
      await page
        .getByRole('region', { name: 'Waveform', exact: true })
        .locator('input[type=file]')
        .setInputFiles(file);
      const info = page.getByTestId('tape-info');
      await info.waitFor();
      const text = await info.textContent();
      expect(text).toContain('probe.wav');
      expect(text).toContain('wav');
      expect(text).toContain(createHash('sha1').update(bytes).digest('hex'));
    });

    it('refuses a bad payload and an unknown method over the page socket', async () => {
      const replies = await page.evaluate(async () => {
        const token = sessionStorage.getItem('superboard-token');
        const ws = new WebSocket(`ws://${location.host}/ipc?token=${token}`);
        await new Promise((resolve) => ws.addEventListener('open', resolve));
        const answers: unknown[] = [];
        const done = new Promise<void>((resolve) =>
          ws.addEventListener('message', (event) => {
            answers.push(JSON.parse(String(event.data)));
            if (answers.length === 2) resolve();
          }),
        );
        ws.send(JSON.stringify({ id: 1, method: 'settings.set', payload: { machine: { ramKb: 'lots' } } }));
        ws.send(JSON.stringify({ id: 2, method: 'shell.exec', payload: 'rm -rf /' }));
        await done;
        ws.close();
        return answers;
      });
      expect(replies).toEqual([
        {
          type: 'response',
          id: 1,
          result: {
            ok: false,
            error: { code: 'bad-request', message: expect.stringContaining('machine.ramKb') },
          },
        },
        {
          type: 'response',
          id: 2,
          result: { ok: false, error: { code: 'unknown-method', message: "Unknown method 'shell.exec'." } },
        },
      ]);
    });

    it('refuses a socket without the token', async () => {
      const outcome = await page.evaluate(
        () =>
          new Promise<string>((resolve) => {
            const ws = new WebSocket(`ws://${location.host}/ipc`);
            ws.addEventListener('open', () => resolve('opened'));
            ws.addEventListener('close', () => resolve('refused'));
          }),
      );
      expect(outcome).toBe('refused');
      problems.length = 0; // Chromium logs the refused handshake as a console error.
    });

    it('opens the shortcut help and maximizes an area from the keyboard', async () => {
      await page.keyboard.press('F1');
      const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
      await help.waitFor();
      expect(await help.textContent()).toContain('Alt+2');
      await page.keyboard.press('Escape');
      await help.waitFor({ state: 'detached' });
      await page.keyboard.press('Alt+2');
      await page.getByRole('button', { name: 'Restore' }).waitFor();
      expect(await page.getByRole('region', { name: 'Screen', exact: true }).isVisible()).toBe(false);
      await page.keyboard.press('Escape');
      await page.getByRole('region', { name: 'Screen', exact: true }).waitFor();
    });

    it('ran without page errors or CSP violations', () => {
      expect(problems).toEqual([]);
    });
  },
);
