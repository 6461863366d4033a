import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { TAPE_EXPORT_PATH } from '../ipc/contract.ts';
import type { Logger } from '../ipc/dispatch.ts';
import { ServiceError } from '../ipc/dispatch.ts';
import { attachWebSocketTransport, tokensEqual } from '../ipc/websocket-transport.ts';
import { MEDIA_PATH, TOKEN_HEADER, UPLOAD_PATH } from '../ipc/wire.ts';
import { SECURITY_HEADERS } from '../security.ts';
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

export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024 * 1024;

export interface WebHostOptions {
  services: AppServices;
  /** The built renderer (out/renderer). */
  staticDir: string;
  port?: number;
  token?: string;
  log?: Logger;
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
  const token = options.token ?? randomBytes(24).toString('hex');
  const staticDir = path.resolve(options.staticDir);
  let origins: string[] = [];

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log('HTTP request failed', error);
      if (!response.headersSent) sendJson(response, 500, { error: 'internal error' });
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
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
      ...SECURITY_HEADERS,
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
    let file;
    try {
      file = services.files.get(safeDecode(url.pathname.slice(MEDIA_PATH.length)) ?? '');
    } catch {
      return sendJson(response, 404, { error: 'not found' });
    }
    const answer = serveMediaRange(file.path, file.size, request.headers.range);
    response.writeHead(answer.status, { ...SECURITY_HEADERS, ...answer.headers });
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
    const fileId = safeDecode(url.pathname.slice(TAPE_EXPORT_PATH.length)) ?? '';
    const ref = services.tapes.exportFile(fileId);
    if (ref === null) return sendJson(response, 404, { error: 'not found' });
    const file = services.files.get(fileId);
    response.writeHead(200, {
      ...SECURITY_HEADERS,
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
    const name = url.searchParams.get('name') ?? 'upload';
    try {
      const ref = await services.files.storeUpload(name, request, MAX_UPLOAD_BYTES);
      sendJson(response, 200, ref);
    } catch (error) {
      const message = error instanceof ServiceError ? error.message : 'upload failed';
      sendJson(response, 400, { error: message });
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  origins = [origin, `http://localhost:${port}`];

  const transport = attachWebSocketTransport({
    server,
    handlers: services.handlers(),
    events: services.events,
    token,
    allowedOrigins: () => origins,
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

/** A path segment decoded, or null when its %-escapes are malformed. */
function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
  });
  response.end(text);
}
