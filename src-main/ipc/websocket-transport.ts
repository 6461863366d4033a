import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { dispatch, type Handlers, type Logger } from './dispatch.ts';
import type { EventHub } from './event-hub.ts';
import { MAX_MESSAGE_BYTES, WS_PATH, type WireMessage } from './wire.ts';

export function tokensEqual(given: string | null | undefined, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface WebSocketTransportOptions {
  server: Server;
  handlers: Handlers;
  events: EventHub;
  token: string;
  /** Origins allowed to open the socket (the host's own page); other pages cannot hijack it. */
  allowedOrigins: () => string[];
  /** Host headers accepted (`127.0.0.1:PORT`, `localhost:PORT`); any when absent. */
  allowedHosts?: () => string[];
  log?: Logger;
  /** Bytes a connection may have queued unsent before it counts as not reading and is closed. */
  maxQueuedBytes?: number;
  /** Requests of one connection running at once; beyond it the connection is not read until one ends. */
  maxInFlight?: number;
}

export const MAX_QUEUED_BYTES = 16 * 1024 * 1024;
export const MAX_IN_FLIGHT = 32;

/**
 * Serves the contract over a WebSocket on an existing loopback HTTP server. A connection needs the per-launch
 * token and the host's own origin; every message is validated by the shared dispatcher.
 */
export function attachWebSocketTransport(options: WebSocketTransportOptions): { close(): Promise<void> } {
  const { server, handlers, events, token, log = () => {} } = options;
  const maxQueued = options.maxQueuedBytes ?? MAX_QUEUED_BYTES;
  const maxInFlight = options.maxInFlight ?? MAX_IN_FLIGHT;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  const refuse = (socket: Duplex, status: number, reason: string): void => {
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  };

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (options.allowedHosts && !options.allowedHosts().includes(request.headers.host ?? ''))
      return refuse(socket, 421, 'Misdirected Request');
    if (url.pathname !== WS_PATH) return refuse(socket, 404, 'Not Found');
    if (!tokensEqual(url.searchParams.get('token'), token)) return refuse(socket, 401, 'Unauthorized');
    const origin = request.headers.origin;
    if (origin !== undefined && !options.allowedOrigins().includes(origin))
      return refuse(socket, 403, 'Forbidden');
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  };
  server.on('upgrade', onUpgrade);

  const send = (ws: WebSocket, message: WireMessage): void => {
    if (ws.readyState !== ws.OPEN) return;
    ws.send(JSON.stringify(message));
    if (ws.bufferedAmount > maxQueued) {
      const mib = (ws.bufferedAmount / 1024 / 1024).toFixed(1);
      log(`closing a WebSocket client that does not read what it is sent (${mib} MiB queued)`);
      ws.terminate();
    }
  };

  wss.on('connection', (ws: WebSocket) => {
    const unsubscribe = events.subscribe((name, payload) => send(ws, { type: 'event', name, payload }));
    // One line is enough: the stack of a refused frame (too large, not masked) only says where ws noticed.
    ws.on('error', (error) => log(`WebSocket connection closed: ${error.message}`));
    // At most maxInFlight requests run at once. Beyond that the socket is paused; the frames ws had already
    // read from it (one read's worth at most) wait here in order.
    let inFlight = 0;
    const backlog: { data: RawData; isBinary: boolean }[] = [];
    ws.on('close', () => {
      unsubscribe();
      backlog.length = 0;
    });
    const run = (data: RawData, isBinary: boolean): void => {
      inFlight++;
      void respond(ws, data, isBinary).finally(() => {
        inFlight--;
        const next = backlog.shift();
        if (next) run(next.data, next.isBinary);
        else ws.resume();
      });
    };
    ws.on('message', (data, isBinary) => {
      if (inFlight < maxInFlight) return run(data, isBinary);
      backlog.push({ data, isBinary });
      ws.pause();
    });
  });

  const respond = async (ws: WebSocket, data: RawData, isBinary: boolean): Promise<void> => {
    let frame: unknown;
    try {
      if (isBinary) throw new Error('binary frame');
      frame = JSON.parse(data.toString());
    } catch {
      return send(ws, {
        type: 'response',
        id: null,
        result: {
          ok: false,
          error: { code: 'bad-request', message: 'A request must be one JSON text frame.' },
        },
      });
    }
    const request = (frame ?? {}) as Record<string, unknown>;
    const id = typeof request.id === 'number' && Number.isSafeInteger(request.id) ? request.id : null;
    if (id === null) {
      return send(ws, {
        type: 'response',
        id: null,
        result: { ok: false, error: { code: 'bad-request', message: 'A request needs a numeric id.' } },
      });
    }
    const result = await dispatch(handlers, request.method, request.payload, { host: 'browser' }, log);
    send(ws, { type: 'response', id, result });
  };

  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.off('upgrade', onUpgrade);
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}
