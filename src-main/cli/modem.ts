import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { audioService, message } from './audio-support.ts';

const USAGE =
  'usage: superboard-lab modem --device-in NAME --device-out NAME\n' +
  '                            [--listen 127.0.0.1:PORT [--token TOKEN | --allow-any-local]]';

/** Bytes waiting to be played to the board before the bridge stops reading its client. */
const MAX_QUEUED = 1024;
/** Decoded bytes waiting for a slow client before it is dropped. */
const MAX_CLIENT_BACKLOG = 64 * 1024;

interface ModemArgs {
  deviceIn: string | undefined;
  deviceOut: string | undefined;
  listen: { host: string; port: number } | undefined;
  token: string | undefined;
  allowAnyLocal: boolean;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function parseArgs(argv: readonly string[]): ModemArgs | string {
  const args: ModemArgs = {
    deviceIn: undefined,
    deviceOut: undefined,
    listen: undefined,
    token: undefined,
    allowAnyLocal: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const value = (): string | undefined => argv[++i];
    switch (arg) {
      case '--device-in':
        args.deviceIn = value();
        if (args.deviceIn === undefined) return '--device-in needs a device name';
        break;
      case '--device-out':
        args.deviceOut = value();
        if (args.deviceOut === undefined) return '--device-out needs a device name';
        break;
      case '--listen': {
        const text = value() ?? '';
        const match = /^(.*):(\d{1,5})$/.exec(text);
        const port = Number(match?.[2]);
        const host = (match?.[1] ?? '').replace(/^\[(.*)\]$/, '$1');
        if (!match || port > 65535) return `--listen needs HOST:PORT like 127.0.0.1:6502, not '${text}'`;
        if (!isLoopback(host))
          return `--listen only takes a loopback address (127.0.0.1, ::1), not '${host}'`;
        args.listen = { host, port };
        break;
      }
      case '--token':
        args.token = value();
        if (!args.token) return '--token needs a value';
        break;
      case '--allow-any-local':
        args.allowAnyLocal = true;
        break;
      default:
        return `unknown option '${arg}'`;
    }
  }
  if (args.deviceIn === undefined || args.deviceOut === undefined)
    return '--device-in NAME and --device-out NAME are needed (see `superboard-lab devices`)';
  if (args.listen === undefined && (args.token !== undefined || args.allowAnyLocal))
    return '--token and --allow-any-local only apply with --listen';
  if (args.token !== undefined && args.allowAnyLocal)
    return '--token and --allow-any-local exclude each other';
  return args;
}

/** LF (and CRLF) from a terminal become the CR the board expects. */
function toBoard(data: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < data.length; i++) {
    const byte = data[i] ?? 0;
    if (byte === 0x0a && data[i - 1] === 0x0d) continue;
    out.push(byte === 0x0a ? 0x0d : byte);
  }
  return Uint8Array.from(out);
}

/**
 * `superboard-lab modem`: the cassette cable as a 300-baud serial line both ways (on the board: POKE 515,128
 * for input from the ACIA, POKE 517,128 for output to it). What the board sends is decoded and written out;
 * what comes in is encoded and played to it. Without --listen it is a terminal on stdin/stdout; with it, a
 * TCP bridge on loopback for one client at a time, which must first send the token line (printed at start)
 * unless --allow-any-local was given.
 */
export async function modemCommand(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    process.stderr.write(`modem: ${args}\n${USAGE}\n`);
    return 2;
  }
  const service = audioService(undefined);
  let queued = 0;
  let onDrained: (() => void) | null = null;
  let deliver: (bytes: Uint8Array) => void = (bytes) => process.stdout.write(bytes);
  let carrier = false;
  service.on((event) => {
    if (event.kind === 'modemSent') {
      queued = Math.max(0, queued - event.bytes);
      if (queued < MAX_QUEUED / 2) onDrained?.();
    } else if (event.kind === 'capture') {
      if (event.update.carrier !== carrier) {
        carrier = event.update.carrier;
        process.stderr.write(`modem: carrier ${carrier ? 'on' : 'off'}\n`);
      }
      if (event.update.bytes.length > 0) deliver(Uint8Array.from(event.update.bytes, (b) => b.value));
    }
  });
  const send = (data: Uint8Array): void => {
    const bytes = toBoard(data);
    queued += bytes.length;
    void service
      .modemSend(bytes)
      .catch((error: unknown) => process.stderr.write(`modem: ${message(error)}\n`));
  };
  let server: net.Server | null = null;
  try {
    const started = await service.modem({ deviceIn: args.deviceIn ?? '', deviceOut: args.deviceOut ?? '' });
    process.stderr.write(`modem: running at ${started.sampleRate} Hz, 300 baud 8N2; Ctrl+C stops\n`);
    const stopped = service.captureEnded();
    if (args.listen) {
      const token = args.allowAnyLocal ? null : (args.token ?? randomBytes(12).toString('base64url'));
      server = await listen(args.listen, token, {
        send,
        backlogFull: () => queued >= MAX_QUEUED,
        onDrained: (resume) => (onDrained = resume),
        setDeliver: (fn) => (deliver = fn),
      });
      const address = server.address() as net.AddressInfo;
      process.stderr.write(
        `modem: listening on ${address.address}:${address.port}` +
          (token === null ? ' (any local client, no token)\n' : `; send this token line first: ${token}\n`),
      );
    } else {
      process.stdin.on('data', (chunk: Buffer) => {
        send(new Uint8Array(chunk));
        if (queued >= MAX_QUEUED) {
          process.stdin.pause();
          onDrained = () => process.stdin.resume();
        }
      });
    }
    const summary = await new Promise<Awaited<typeof stopped> | null>((resolve) => {
      const onSignal = (): void => resolve(null);
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      void stopped.then(resolve);
    });
    if (summary?.error !== undefined) {
      process.stderr.write(`modem: ${summary.error}\n`);
      return 1;
    }
    return 0;
  } catch (error) {
    process.stderr.write(`modem: ${message(error)}\n`);
    return 1;
  } finally {
    server?.close();
    process.stdin.pause();
    await service.modemStop().catch(() => {});
    await service.close();
  }
}

interface BridgeHooks {
  send: (bytes: Uint8Array) => void;
  backlogFull: () => boolean;
  onDrained: (resume: (() => void) | null) => void;
  setDeliver: (deliver: (bytes: Uint8Array) => void) => void;
}

/** The TCP bridge: one client at a time, which proves itself with the token line unless `token` is null. */
function listen(
  at: { host: string; port: number },
  token: string | null,
  hooks: BridgeHooks,
): Promise<net.Server> {
  let client: net.Socket | null = null;
  const server = net.createServer((socket) => {
    if (client !== null) {
      socket.end('modem: busy, one client at a time\r\n');
      return;
    }
    client = socket;
    let authorised = token === null;
    let pending = '';
    const drop = (): void => {
      if (client === socket) {
        client = null;
        hooks.setDeliver(() => {});
        hooks.onDrained(null);
      }
    };
    const accept = (data: Uint8Array): void => {
      hooks.send(data);
      if (hooks.backlogFull()) {
        socket.pause();
        hooks.onDrained(() => socket.resume());
      }
    };
    const deliverToClient = (bytes: Uint8Array): void => {
      if (socket.writableLength > MAX_CLIENT_BACKLOG) {
        socket.destroy();
        return;
      }
      socket.write(bytes);
    };
    if (authorised) hooks.setDeliver(deliverToClient);
    socket.on('data', (chunk: Buffer) => {
      if (authorised) {
        accept(new Uint8Array(chunk));
        return;
      }
      pending += chunk.toString('latin1');
      if (pending.length > 256) {
        drop();
        socket.end('modem: no token line\r\n');
        return;
      }
      const newline = pending.indexOf('\n');
      if (newline < 0) return;
      if (pending.slice(0, newline).trim() !== token) {
        drop();
        socket.end('modem: wrong token\r\n');
        return;
      }
      authorised = true;
      hooks.setDeliver(deliverToClient);
      socket.write('modem: connected\r\n');
      const rest = pending.slice(newline + 1);
      if (rest.length > 0) accept(Uint8Array.from(rest, (c) => c.charCodeAt(0)));
    });
    socket.on('close', drop);
    socket.on('error', drop);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(at.port, at.host, () => resolve(server));
  });
}
