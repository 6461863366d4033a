import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { TAPE_EXPORT_PATH } from '../ipc/contract.ts';
import type { Logger } from '../ipc/dispatch.ts';
import { ServiceError } from '../ipc/dispatch.ts';
import { attachWebSocketTransport, tokensEqual } from '../ipc/websocket-transport.ts';
import {
  MAX_UPLOAD_BYTES,
  MEDIA_PATH,
  TOKEN_HEADER,
  UPLOAD_PATH,
  WS_PATH,
  uploadTooLarge,
} from '../ipc/wire.ts';
import { safeDecode, webSecurityHeaders } from '../security.ts';
import type { AppServices } from '../services/app-services.ts';
import { serveMediaRange } from '../services/media-range.ts';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/** Uploads running at once (choosing BASIC as four 2K parts sends four). */
export const MAX_CONCURRENT_UPLOADS = 4;
/** A connection must show the token (or be loading the page) within this long. */
export const UNAUTHENTICATED_TIMEOUT_MS = 5_000;
/** Connections that have not shown the token, at once; more are closed as they arrive. */
export const MAX_UNAUTHENTICATED = 64;
const LOG_EVERY_MS = 10_000;

export interface WebHostOptions {
  services: AppServices;
  /** The built renderer (out/renderer). */
  staticDir: string;
  port?: number;
  token?: string;
  log?: Logger;
  /** Limits, smaller in tests. */
  limits?: Partial<WebHostLimits>;
}

export interface WebHostLimits {
  /** The largest upload, and the most bytes all uploads running at once may declare together. */
  uploadBytes: number;
  concurrentUploads: number;
  unauthenticatedTimeoutMs: number;
  unauthenticated: number;
}

export interface WebHost {
  url: string;
  origin: string;
  token: string;
  close(): Promise<void>;
}

/**
 * The browser host: the same renderer and services as the Electron app, served over HTTP and a WebSocket on
 * 127.0.0.1 only. The page gets the per-launch token in its URL fragment, which never reaches the server log.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { services, log = () => {} } = options;
  const limits: WebHostLimits = {
    uploadBytes: MAX_UPLOAD_BYTES,
    concurrentUploads: MAX_CONCURRENT_UPLOADS,
    unauthenticatedTimeoutMs: UNAUTHENTICATED_TIMEOUT_MS,
    unauthenticated: MAX_UNAUTHENTICATED,
    ...options.limits,
  };
  const token = options.token ?? randomBytes(24).toString('hex');
  const staticDir = path.resolve(options.staticDir);
  let origins: string[] = [];
  let hosts: string[] = [];
  // Named once the server listens and knows its port (no request arrives before that).
  let securityHeaders: Readonly<Record<string, string>> = {};
  const uploads = { running: 0, bytes: 0 };

  // A flood of refused connections must not flood the log: each reason at most once per LOG_EVERY_MS.
  const lastLogged = new Map<string, number>();
  const logThrottled = (reason: string): void => {
    const now = Date.now();
    if (now - (lastLogged.get(reason) ?? -Infinity) < LOG_EVERY_MS) return;
    lastLogged.set(reason, now);
    log(reason);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log('HTTP request failed', error);
      if (!response.headersSent) sendJson(response, 500, { error: 'internal error' });
      else response.destroy();
    });
  });

  // Every connection starts unauthenticated: it gets a few seconds to show the token (a WebSocket upgrade,
  // an upload, media or an export) and is closed after that once it has no request running (loading the
  // page's files needs no token). Only so many may be waiting at once, so idle connections cannot use up
  // the host's file descriptors: a new one pushes out the oldest that has no request running, so a flood of
  // idle connections cannot keep a browser from loading the page either.
  interface Pending {
    timer: NodeJS.Timeout;
    /** Requests seen, and requests whose response is still open. */
    requests: number;
    active: number;
    expired: boolean;
  }
  const unauthenticated = new Map<Socket, Pending>();
  server.on('connection', (socket: Socket) => {
    if (unauthenticated.size >= limits.unauthenticated) {
      logThrottled(`closing idle connections: ${limits.unauthenticated} are open without the token`);
      const idle = [...unauthenticated].find(([, waiting]) => waiting.active === 0)?.[0];
      if (idle === undefined) {
        socket.destroy();
        return;
      }
      idle.destroy();
      unauthenticated.delete(idle);
    }
    const pending: Pending = {
      requests: 0,
      active: 0,
      expired: false,
      timer: setTimeout(() => {
        pending.expired = true;
        if (pending.active > 0) return;
        if (pending.requests === 0) logThrottled('closing connections that sent no request in time');
        socket.destroy();
      }, limits.unauthenticatedTimeoutMs),
    };
    unauthenticated.set(socket, pending);
    socket.once('close', () => {
      clearTimeout(pending.timer);
      unauthenticated.delete(socket);
    });
  });
  const authenticate = (socket: Socket): void => {
    const pending = unauthenticated.get(socket);
    if (!pending) return;
    clearTimeout(pending.timer);
    unauthenticated.delete(socket);
  };
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const pending = unauthenticated.get(request.socket);
    if (!pending) return;
    pending.requests++;
    pending.active++;
    response.once('close', () => {
      pending.active--;
      if (pending.expired && pending.active === 0) request.socket.destroy();
    });
  });
  // The transport checks the token again and refuses the upgrade itself; this only stops the clock.
  server.on('upgrade', (request: IncomingMessage, socket: Socket) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === WS_PATH && tokensEqual(url.searchParams.get('token'), token)) authenticate(socket);
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // DNS rebinding: a page on another name resolving to 127.0.0.1 would send its own Host.
    if (!hosts.includes(request.headers.host ?? '')) {
      request.resume();
      return sendJson(response, 421, { error: 'wrong host' });
    }
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === UPLOAD_PATH) return upload(request, response, url);
    if (url.pathname.startsWith(MEDIA_PATH)) return media(request, response, url);
    if (url.pathname.startsWith(TAPE_EXPORT_PATH)) return exported(response, url);
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return sendJson(response, 405, { error: 'method not allowed' });
    const relative =
      url.pathname === '/' ? 'index.html' : (safeDecode(url.pathname) ?? '').replace(/^\/+/, '');
    const file = path.resolve(staticDir, relative);
    if (!file.startsWith(staticDir + path.sep)) return sendJson(response, 404, { error: 'not found' });
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return sendJson(response, 404, { error: 'not found' });
    response.writeHead(200, {
      ...securityHeaders,
      'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream',
      'Content-Length': info.size,
      'Cache-Control': 'no-cache',
    });
    if (request.method === 'HEAD') return void response.end();
    createReadStream(file).pipe(response);
  }

  function media(request: IncomingMessage, response: ServerResponse, url: URL): void {
    if (!tokensEqual(url.searchParams.get('token'), token))
      return sendJson(response, 401, { error: 'missing or wrong token' });
    authenticate(request.socket);
    let file;
    try {
      file = services.files.get(safeDecode(url.pathname.slice(MEDIA_PATH.length)) ?? '');
    } catch {
      return sendJson(response, 404, { error: 'not found' });
    }
    const answer = serveMediaRange(file.path, file.size, request.headers.range);
    response.writeHead(answer.status, { ...securityHeaders, ...answer.headers });
    if (!answer.body || request.method === 'HEAD') {
      answer.body?.destroy();
      return void response.end();
    }
    answer.body.on('error', () => response.destroy());
    answer.body.pipe(response);
  }

  /** A tape export (tape.export registers it) as a download. */
  function exported(response: ServerResponse, url: URL): void {
    if (!tokensEqual(url.searchParams.get('token'), token))
      return sendJson(response, 401, { error: 'missing or wrong token' });
    authenticate(response.socket as Socket);
    const fileId = safeDecode(url.pathname.slice(TAPE_EXPORT_PATH.length)) ?? '';
    const ref = services.tapes.exportFile(fileId);
    if (ref === null) return sendJson(response, 404, { error: 'not found' });
    const file = services.files.get(fileId);
    response.writeHead(200, {
      ...securityHeaders,
      'Content-Type': 'application/octet-stream',
      'Content-Length': file.size,
      'Content-Disposition': `attachment; filename="${ref.name.replace(/[^\w.\- ()]/g, '_')}"`,
    });
    const ended = services.tapes.beginDownload(fileId);
    response.on('close', ended);
    const body = createReadStream(file.path);
    body.on('error', () => response.destroy());
    body.pipe(response);
  }

  async function upload(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    if (request.method !== 'POST') return sendJson(response, 405, { error: 'method not allowed' });
    if (!tokensEqual(request.headers[TOKEN_HEADER] as string | undefined, token)) {
      request.resume();
      return sendJson(response, 401, { error: 'missing or wrong token' });
    }
    const origin = request.headers.origin;
    if (origin !== undefined && !origins.includes(origin)) {
      request.resume();
      return sendJson(response, 403, { error: 'forbidden origin' });
    }
    authenticate(request.socket);
    const name = url.searchParams.get('name') ?? 'upload';
    // Refusals are answered before the body is read, and the body is then read and dropped, so the client
    // gets the answer instead of a connection reset.
    const declared = Number(request.headers['content-length']);
    if (request.headers['content-length'] === undefined || !Number.isSafeInteger(declared)) {
      request.resume();
      return sendJson(response, 411, { error: 'An upload needs a Content-Length.' });
    }
    if (declared > limits.uploadBytes) {
      request.resume();
      return sendJson(response, 413, { error: uploadTooLarge(path.basename(name), limits.uploadBytes) });
    }
    if (uploads.running >= limits.concurrentUploads || uploads.bytes + declared > limits.uploadBytes) {
      request.resume();
      return sendJson(response, 429, {
        error: `Too many uploads at once (${uploads.running} running); try again when they are done.`,
      });
    }
    uploads.running++;
    uploads.bytes += declared;
    try {
      const ref = await services.files.storeUpload(name, request, declared);
      sendJson(response, 200, ref);
    } catch (error) {
      const message = error instanceof ServiceError ? error.message : 'upload failed';
      sendJson(response, 400, { error: message });
    } finally {
      uploads.running--;
      uploads.bytes -= declared;
    }
  }

  function sendJson(response: ServerResponse, status: number, body: unknown): void {
    const text = JSON.stringify(body);
    response.writeHead(status, {
      ...securityHeaders,
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(text),
    });
    response.end(text);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  origins = [origin, `http://localhost:${port}`];
  hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  securityHeaders = webSecurityHeaders(port);

  const transport = attachWebSocketTransport({
    server,
    handlers: services.handlers(),
    events: services.events,
    token,
    allowedOrigins: () => origins,
    allowedHosts: () => hosts,
    log,
  });

  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    close: async () => {
      await transport.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
