import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import type { Handlers } from '../../../src-main/ipc/dispatch.ts';
import {
  MAX_IN_FLIGHT,
  attachWebSocketTransport,
  tokensEqual,
} from '../../../src-main/ipc/websocket-transport.ts';
import { MAX_MESSAGE_BYTES, type WireMessage } from '../../../src-main/ipc/wire.ts';
import { makeServices } from '../../support/services.ts';

const TOKEN = 'a'.repeat(48);

let server: Server;
let origin: string;
let cleanup: () => Promise<void>;
let services: Awaited<ReturnType<typeof makeServices>>['services'];

beforeEach(async () => {
  const made = await makeServices();
  services = made.services;
  server = createServer((_req, res) => res.end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const transport = attachWebSocketTransport({
    server,
    handlers: services.handlers(),
    events: services.events,
    token: TOKEN,
    allowedOrigins: () => [origin],
  });
  cleanup = async () => {
    await transport.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await made.remove();
  };
});
afterEach(() => cleanup());

function connect(query: string, headers: Record<string, string> = {}): WebSocket {
  return new WebSocket(`${origin.replace('http', 'ws')}/ipc${query}`, { headers });
}

function opened(ws: WebSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
}

function refusedStatus(ws: WebSocket): Promise<number> {
  return new Promise((resolve) =>
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)),
  );
}

function nextMessage(
  ws: WebSocket,
  predicate: (m: WireMessage) => boolean = () => true,
): Promise<WireMessage> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData): void => {
      const message = JSON.parse(data.toString()) as WireMessage;
      if (predicate(message)) {
        ws.off('message', onMessage);
        resolve(message);
      }
    };
    ws.on('message', onMessage);
  });
}

describe('WebSocket transport', () => {
  it('answers a request with the service result', async () => {
    const ws = connect(`?token=${TOKEN}`);
    await opened(ws);
    ws.send(JSON.stringify({ id: 7, method: 'app.info', payload: null }));
    const message = await nextMessage(ws);
    expect(message).toMatchObject({
      type: 'response',
      id: 7,
      result: { ok: true, value: { version: '0.0.0-test', host: 'browser' } },
    });
    ws.close();
  });

  it('refuses a connection without the token, or with a wrong one', async () => {
    expect(await refusedStatus(connect(''))).toBe(401);
    expect(await refusedStatus(connect(`?token=${'b'.repeat(48)}`))).toBe(401);
    expect(await refusedStatus(connect('?token=short'))).toBe(401);
  });

  it('refuses a connection from another origin even with the token', async () => {
    expect(await refusedStatus(connect(`?token=${TOKEN}`, { Origin: 'http://evil.example' }))).toBe(403);
  });

  it('answers garbage with a clear error and keeps serving', async () => {
    const ws = connect(`?token=${TOKEN}`);
    await opened(ws);
    ws.send('{not json');
    expect(await nextMessage(ws)).toMatchObject({
      id: null,
      result: { ok: false, error: { code: 'bad-request' } },
    });
    ws.send(JSON.stringify({ method: 'app.info' }));
    expect(await nextMessage(ws)).toMatchObject({
      id: null,
      result: { error: { message: 'A request needs a numeric id.' } },
    });
    ws.send(JSON.stringify({ id: 1, method: 'settings.set', payload: { screen: { scale: -4 } } }));
    expect(await nextMessage(ws)).toMatchObject({
      id: 1,
      result: { ok: false, error: { code: 'bad-request' } },
    });
    ws.send(JSON.stringify({ id: 2, method: 'no.such.thing' }));
    expect(await nextMessage(ws)).toMatchObject({
      id: 2,
      result: { ok: false, error: { code: 'unknown-method' } },
    });
    ws.send(JSON.stringify({ id: 3, method: 'settings.get' }));
    expect(await nextMessage(ws)).toMatchObject({ id: 3, result: { ok: true } });
    ws.close();
  });

  it('pushes events to every connected client', async () => {
    const a = connect(`?token=${TOKEN}`);
    const b = connect(`?token=${TOKEN}`);
    await Promise.all([opened(a), opened(b)]);
    const eventAtB = nextMessage(b, (m) => m.type === 'event');
    a.send(JSON.stringify({ id: 1, method: 'settings.set', payload: { screen: { crop: true } } }));
    const event = await eventAtB;
    expect(event).toMatchObject({
      type: 'event',
      name: 'settings.changed',
      payload: { screen: { crop: true } },
    });
    a.close();
    b.close();
  });

  it('compares tokens in full', () => {
    expect(tokensEqual(TOKEN, TOKEN)).toBe(true);
    expect(tokensEqual(TOKEN.slice(1), TOKEN)).toBe(false);
    expect(tokensEqual(undefined, TOKEN)).toBe(false);
  });
});

describe('WebSocket transport limits', () => {
  /** A second transport whose machine.peek answers with `length` bytes, as the emulator does. */
  async function peekServer(
    peek: Handlers['machine.peek'] = async ({ start, length }) => ({
      start,
      bytes: Buffer.alloc(length, 0xa5).toString('base64'),
    }),
  ): Promise<{ url: string; log: unknown[][]; close: () => Promise<void> }> {
    const log: unknown[][] = [];
    const peekServer = createServer((_req, res) => res.end());
    await new Promise<void>((resolve) => peekServer.listen(0, '127.0.0.1', resolve));
    const transport = attachWebSocketTransport({
      server: peekServer,
      handlers: {
        ...services.handlers(),
        'machine.peek': peek,
      },
      events: services.events,
      token: TOKEN,
      allowedOrigins: () => [],
      log: (...args) => log.push(args),
    });
    return {
      url: `ws://127.0.0.1:${(peekServer.address() as AddressInfo).port}/ipc?token=${TOKEN}`,
      log,
      close: async () => {
        await transport.close();
        await new Promise<void>((resolve) => peekServer.close(() => resolve()));
      },
    };
  }

  it('closes a client that sends requests but never reads the answers, saying why', async () => {
    const host = await peekServer();
    try {
      const ws = new WebSocket(host.url);
      await opened(ws);
      ws.pause();
      // 400 answers of 64 KiB (87 KB as base64) are 35 MB: more than the 16 MiB a connection may queue.
      for (let id = 1; id <= 400; id++) {
        ws.send(JSON.stringify({ id, method: 'machine.peek', payload: { start: 0, length: 0x10000 } }));
      }
      await vi.waitFor(
        () => expect(host.log.map((l) => l[0])).toContainEqual(expect.stringMatching(/does not read/)),
        { timeout: 10_000 },
      );
      ws.terminate();
    } finally {
      await host.close();
    }
  });

  it('runs at most 32 requests of one connection at once and reads the rest as they end', async () => {
    let running = 0;
    let most = 0;
    const waiting: (() => void)[] = [];
    const host = await peekServer(async ({ start }) => {
      most = Math.max(most, ++running);
      await new Promise<void>((resolve) => waiting.push(resolve));
      running--;
      return { start, bytes: '' };
    });
    try {
      const ws = new WebSocket(host.url);
      await opened(ws);
      const answered = new Set<number>();
      ws.on('message', (data) => answered.add((JSON.parse(String(data)) as { id: number }).id));
      for (let id = 1; id <= 100; id++) {
        ws.send(JSON.stringify({ id, method: 'machine.peek', payload: { start: 0, length: 1 } }));
      }
      await vi.waitFor(() => expect(waiting).toHaveLength(MAX_IN_FLIGHT));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(running).toBe(MAX_IN_FLIGHT);
      while (answered.size < 100) {
        waiting.splice(0).forEach((release) => release());
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      expect(most).toBe(MAX_IN_FLIGHT);
      ws.close();
    } finally {
      await host.close();
    }
  });

  it('logs a refused oversize frame in one line, without a stack trace', async () => {
    const host = await peekServer();
    try {
      const ws = new WebSocket(host.url);
      await opened(ws);
      const closed = new Promise((resolve) => ws.once('close', resolve));
      ws.send('x'.repeat(MAX_MESSAGE_BYTES + 1));
      await closed;
      await vi.waitFor(() => expect(host.log).toHaveLength(1));
      expect(host.log[0]).toEqual([expect.stringMatching(/^WebSocket connection closed: Max payload size/)]);
    } finally {
      await host.close();
    }
  });
});
