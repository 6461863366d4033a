// The soft-modem's TCP bridge, for telnet and other tools: loopback only, one client at a time, which proves
// itself with a token line first (unless the token is null: --allow-any-local), with bounded buffers both
// ways. Used by `superboard-lab modem --listen` and by the Hardware terminal.
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import type { SoftModem } from './soft-modem.ts';

/** Bytes waiting to be played to the board before the bridge stops reading its client. */
export const MAX_QUEUED = 1024;
/** Decoded bytes waiting for a slow client before it is dropped. */
const MAX_CLIENT_BACKLOG = 64 * 1024;
/** A token line longer than this is not one. */
const MAX_TOKEN_LINE = 256;

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export function newToken(): string {
  return randomBytes(12).toString('base64url');
}

/** LF (and CRLF) from a terminal become the CR the board expects. */
export function toBoard(data: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < data.length; i++) {
    const byte = data[i] ?? 0;
    if (byte === 0x0a && data[i - 1] === 0x0d) continue;
    out.push(byte === 0x0a ? 0x0d : byte);
  }
  return Uint8Array.from(out);
}

export interface BridgeOptions {
  host: string;
  port: number;
  /** The line a client must send first; null lets any local client in. */
  token: string | null;
}

export class ModemBridge {
  readonly host: string;
  readonly port: number;
  readonly token: string | null;
  readonly #server: net.Server;
  readonly #offs: (() => void)[];
  #client: net.Socket | null = null;

  private constructor(server: net.Server, token: string | null, offs: (() => void)[]) {
    this.#server = server;
    const address = server.address() as net.AddressInfo;
    this.host = address.address;
    this.port = address.port;
    this.token = token;
    this.#offs = offs;
  }

  /** Whether a client is connected (and has given the token). */
  get connected(): boolean {
    return this.#client !== null;
  }

  /** Listens on a loopback address; what the client sends goes to `modem`, what the board sends to it. */
  static async start(modem: SoftModem, options: BridgeOptions): Promise<ModemBridge> {
    if (!isLoopback(options.host))
      throw new Error(
        `the bridge only listens on a loopback address (127.0.0.1, ::1), not '${options.host}'`,
      );
    let bridge: ModemBridge | null = null;
    let deliver: ((bytes: Uint8Array) => void) | null = null;
    let resume: (() => void) | null = null;
    const offs = [
      modem.onBytes((bytes) => deliver?.(bytes)),
      modem.onStatus((status) => {
        if (status.queued < MAX_QUEUED / 2) resume?.();
      }),
    ];
    const server = net.createServer((socket) => {
      if (!bridge || bridge.#client !== null) {
        socket.end('modem: busy, one client at a time\r\n');
        return;
      }
      const self = bridge;
      self.#client = socket;
      let authorised = options.token === null;
      let pending = '';
      const drop = (): void => {
        if (self.#client !== socket) return;
        self.#client = null;
        deliver = null;
        resume = null;
      };
      const accept = (data: Uint8Array): void => {
        if (!modem.isOpen) return;
        modem.send(toBoard(data));
        if (modem.status.queued >= MAX_QUEUED) {
          socket.pause();
          resume = () => {
            resume = null;
            socket.resume();
          };
        }
      };
      const welcome = (): void => {
        deliver = (bytes) => {
          if (socket.writableLength > MAX_CLIENT_BACKLOG) socket.destroy();
          else socket.write(bytes);
        };
      };
      if (authorised) welcome();
      socket.on('data', (chunk: Buffer) => {
        if (authorised) {
          accept(new Uint8Array(chunk));
          return;
        }
        pending += chunk.toString('latin1');
        const newline = pending.indexOf('\n');
        if (newline < 0) {
          if (pending.length > MAX_TOKEN_LINE) {
            drop();
            socket.end('modem: no token line\r\n');
          }
          return;
        }
        if (pending.slice(0, newline).trim() !== options.token) {
          drop();
          socket.end('modem: wrong token\r\n');
          return;
        }
        authorised = true;
        welcome();
        socket.write('modem: connected\r\n');
        const rest = pending.slice(newline + 1);
        if (rest.length > 0) accept(Uint8Array.from(rest, (c) => c.charCodeAt(0)));
      });
      socket.on('close', drop);
      socket.on('error', drop);
    });
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port, options.host, () => resolve());
      });
    } catch (error) {
      for (const off of offs) off();
      throw error;
    }
    bridge = new ModemBridge(server, options.token, offs);
    return bridge;
  }

  async close(): Promise<void> {
    for (const off of this.#offs) off();
    this.#client?.destroy();
    this.#client = null;
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
