import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { request as httpRequest, type ClientRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
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
    const policy = page.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("object-src 'none'");
    // The page may open a WebSocket to this host's own port and nowhere else.
    const port = new URL(host.origin).port;
    const connectSrc = policy.split('; ').find((directive) => directive.startsWith('connect-src '));
    expect(connectSrc).toBe(`connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`);
    expect(policy).not.toContain(':*');
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

  it('answers an upload declared over 2 GiB with the reason before reading its body', async () => {
    const port = Number(new URL(host.origin).port);
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/upload?name=huge.wav',
          headers: { 'x-superboard-token': host.token, 'content-length': 2 ** 31 + 1 },
        },
        (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (body += chunk));
          response.on('end', () => {
            request.destroy();
            resolve({ status: response.statusCode ?? 0, body });
          });
        },
      );
      request.on('error', reject);
      request.write(new Uint8Array(1024));
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({
      error: 'huge.wav is larger than 2147483648 bytes, the most the browser host takes.',
    });
    expect(await readdir(uploadDir).catch(() => [])).toEqual([]);
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

describe('browser host limits', () => {
  /** A host with small limits, its log, and a way to stop it. */
  async function limitedHost(limits: Parameters<typeof startWebHost>[0]['limits']) {
    const made = await makeServices();
    const statics = await tempDir();
    await writeFile(path.join(statics.dir, 'index.html'), '<!doctype html><title>t</title>');
    const log: unknown[][] = [];
    const limited = await startWebHost({
      services: made.services,
      staticDir: statics.dir,
      limits,
      log: (...args) => log.push(args),
    });
    const port = Number(new URL(limited.origin).port);
    return {
      host: limited,
      port,
      log,
      uploadDir: made.services.temp.dir,
      stop: async () => {
        await limited.close();
        await made.remove();
        await statics.remove();
      },
    };
  }

  /** A raw HTTP request, so the Host header and the body can be anything. */
  function rawRequest(
    port: number,
    options: { method?: string; path?: string; headers: Record<string, string | number>; body?: Buffer },
  ): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const request = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: options.method ?? 'GET',
          path: options.path ?? '/',
          headers: options.headers,
        },
        (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (body += chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
        },
      );
      request.on('error', reject);
      request.end(options.body);
    });
  }

  it('answers only requests addressed to 127.0.0.1:PORT or localhost:PORT', async () => {
    const h = await limitedHost({});
    try {
      for (const good of [`127.0.0.1:${h.port}`, `localhost:${h.port}`]) {
        expect((await rawRequest(h.port, { headers: { Host: good } })).status).toBe(200);
      }
      for (const bad of ['evil.example', `evil.example:${h.port}`, '127.0.0.1', `127.0.0.1:${h.port + 1}`]) {
        expect((await rawRequest(h.port, { headers: { Host: bad } })).status).toBe(421);
      }
      const ws = new WebSocket(`ws://127.0.0.1:${h.port}/ipc?token=${h.host.token}`, {
        headers: { Host: 'evil.example' },
      });
      const status = await new Promise((resolve) =>
        ws.once('unexpected-response', (_q, r) => resolve(r.statusCode)),
      );
      expect(status).toBe(421);
    } finally {
      await h.stop();
    }
  });

  it('closes idle connections without the token, caps them, and keeps the authenticated socket and the page', async () => {
    const h = await limitedHost({ unauthenticatedTimeoutMs: 3_000, unauthenticated: 8 });
    const sockets: Socket[] = [];
    try {
      const ws = new WebSocket(`ws://127.0.0.1:${h.port}/ipc?token=${h.host.token}`);
      await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
      let closed = 0;
      for (let i = 0; i < 20; i++) {
        const socket = connect(h.port, '127.0.0.1');
        socket.on('error', () => {});
        socket.on('close', () => closed++);
        sockets.push(socket);
      }
      // Each one over the cap pushes out the oldest idle one at once.
      await vi.waitFor(() => expect(closed).toBe(12));
      // While eight idle ones are held, a browser still loads the page (pushing out one more).
      expect((await fetch(`${h.host.origin}/`)).status).toBe(200);
      expect(closed).toBeLessThan(20);
      // The rest are closed when their time is up.
      await vi.waitFor(() => expect(closed).toBe(20), { timeout: 8_000 });
      expect(h.log.map((l) => l[0])).toContain('closing idle connections: 8 are open without the token');
      expect(h.log.map((l) => l[0])).toContain('closing connections that sent no request in time');
      // The authenticated socket outlived them all and still answers.
      expect(ws.readyState).toBe(WebSocket.OPEN);
      const answer = new Promise<string>((resolve) => ws.once('message', (data) => resolve(String(data))));
      ws.send(JSON.stringify({ id: 1, method: 'app.info' }));
      expect(JSON.parse(await answer)).toMatchObject({ id: 1, result: { ok: true } });
      ws.close();
    } finally {
      for (const socket of sockets) socket.destroy();
      await h.stop();
    }
  });

  it('refuses an upload over the limit with a clear error, not a reset, and keeps nothing', async () => {
    const h = await limitedHost({ uploadBytes: 1024 * 1024 });
    try {
      const response = await fetch(`${h.host.origin}/upload?name=big.wav`, {
        method: 'POST',
        body: new Uint8Array(3 * 1024 * 1024),
        headers: { 'x-superboard-token': h.host.token },
      });
      expect(response.status).toBe(413);
      expect(((await response.json()) as { error: string }).error).toBe(
        'big.wav is larger than 1048576 bytes, the most the browser host takes.',
      );
      expect(await readdir(h.uploadDir).catch(() => [])).toEqual([]);
    } finally {
      await h.stop();
    }
  });

  it('takes only so many uploads, and so many bytes, at once', async () => {
    const h = await limitedHost({ uploadBytes: 1024 * 1024, concurrentUploads: 2 });
    const open: ClientRequest[] = [];
    /** Starts an upload that sends its first bytes and then waits. */
    const startUpload = async (name: string, size: number): Promise<ClientRequest> => {
      const request = httpRequest({
        host: '127.0.0.1',
        port: h.port,
        method: 'POST',
        path: `/upload?name=${name}`,
        headers: { 'x-superboard-token': h.host.token, 'content-length': size },
      });
      request.on('error', () => {});
      request.write(new Uint8Array(10));
      open.push(request);
      await vi.waitFor(async () =>
        expect((await readdir(h.uploadDir).catch(() => [])).join()).toContain(name),
      );
      return request;
    };
    const upload = (size: number) =>
      fetch(`${h.host.origin}/upload?name=c.bin`, {
        method: 'POST',
        body: new Uint8Array(size),
        headers: { 'x-superboard-token': h.host.token },
      });
    try {
      await startUpload('a.bin', 600 * 1024);
      // 600 KiB running: 500 KiB more would pass 1 MiB together.
      expect((await upload(500 * 1024)).status).toBe(429);
      await startUpload('b.bin', 100);
      const third = await upload(10);
      expect(third.status).toBe(429);
      expect(((await third.json()) as { error: string }).error).toMatch(
        /Too many uploads at once \(2 running\)/,
      );
      open[1]!.end(new Uint8Array(90));
      await vi.waitFor(async () => expect((await upload(10)).status).toBe(200));
    } finally {
      for (const request of open) request.destroy();
      await h.stop();
    }
  });
});
