import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../src-main/security.ts';
import { startWebHost, type WebHost } from '../../../src-main/web/web-host.ts';
import { makeServices } from '../../support/services.ts';
import { tempDir } from '../../support/temp-dir.ts';

let host: WebHost;
let cleanup: () => Promise<void>;
let uploadDir: string;

beforeEach(async () => {
  const made = await makeServices();
  const statics = await tempDir();
  await writeFile(path.join(statics.dir, 'index.html'), '<!doctype html><title>t</title>');
  await mkdir(path.join(statics.dir, 'assets'));
  await writeFile(path.join(statics.dir, 'assets', 'app.js'), 'console.log(1)');
  host = await startWebHost({ services: made.services, staticDir: statics.dir });
  uploadDir = made.services.temp.dir;
  cleanup = async () => {
    await host.close();
    await made.remove();
    await statics.remove();
  };
});
afterEach(() => cleanup());

describe('browser host', () => {
  it('listens on loopback only and puts the token in the URL fragment', () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.url).toBe(`${host.origin}/#token=${host.token}`);
    expect(host.token).toMatch(/^[0-9a-f]{48}$/);
  });

  it('serves the renderer with the CSP and security headers', async () => {
    const page = await fetch(`${host.origin}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>t</title>');
    const script = await fetch(`${host.origin}/assets/app.js`);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('does not serve files outside the renderer folder', async () => {
    for (const probe of [
      '/%E0%A4%A',
      `/media/%E0%A4%A?token=${host.token}`,
      `/export/%ZZ?token=${host.token}`,
      '/../package.json',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/assets/../../x',
    ]) {
      const response = await fetch(`${host.origin}${probe}`);
      expect(response.status).toBe(404);
    }
  });

  it('accepts an upload only with the token and keeps the bytes', async () => {
    const body = new Uint8Array([82, 73, 70, 70, 1, 2, 3]);
    const refused = await fetch(`${host.origin}/upload?name=a.wav`, { method: 'POST', body });
    expect(refused.status).toBe(401);
    expect(await readdir(uploadDir).catch(() => [])).toEqual([]);
    const accepted = await fetch(`${host.origin}/upload?name=../../a.wav`, {
      method: 'POST',
      body,
      headers: { 'x-superboard-token': host.token },
    });
    expect(accepted.status).toBe(200);
    const ref = (await accepted.json()) as { fileId: string; name: string; size: number };
    expect(ref.name).toBe('a.wav');
    expect(ref.size).toBe(7);
    expect(await readdir(uploadDir)).toEqual([expect.stringMatching(/^upload-[0-9a-f-]{36}-a\.wav$/)]);
  });

  it('refuses an upload from a foreign origin', async () => {
    const response = await fetch(`${host.origin}/upload?name=a.wav`, {
      method: 'POST',
      body: 'x',
      headers: { 'x-superboard-token': host.token, origin: 'http://evil.example' },
    });
    expect(response.status).toBe(403);
  });
});

describe('browser host media', () => {
  it('streams a registered file with ranges, only with the token', async () => {
    const made = await makeServices();
    const statics = await tempDir();
    const media = await startWebHost({ services: made.services, staticDir: statics.dir });
    const file = path.join(made.userDataDir, 'tape.wav');
    await writeFile(file, Buffer.from('0123456789'));
    const ref = await made.services.files.register(file);
    const base = `${media.origin}/media/${ref.fileId}`;
    expect((await fetch(base)).status).toBe(401);
    const whole = await fetch(`${base}?token=${media.token}`);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('audio/wav');
    expect(await whole.text()).toBe('0123456789');
    const part = await fetch(`${base}?token=${media.token}`, { headers: { range: 'bytes=2-5' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 2-5/10');
    expect(await part.text()).toBe('2345');
    const tail = await fetch(`${base}?token=${media.token}`, { headers: { range: 'bytes=-3' } });
    expect(await tail.text()).toBe('789');
    const beyond = await fetch(`${base}?token=${media.token}`, { headers: { range: 'bytes=20-' } });
    expect(beyond.status).toBe(416);
    expect((await fetch(`${media.origin}/media/00000000-none?token=${media.token}`)).status).toBe(404);
    await media.close();
    await made.remove();
    await statics.remove();
  });
});
