import { ModemBridge, MAX_QUEUED, isLoopback, newToken, toBoard } from '../services/audio/modem-bridge.ts';
import { SoftModem } from '../services/audio/soft-modem.ts';
import { audioService, message } from './audio-support.ts';

const USAGE =
  'usage: superboard-lab modem --device-in NAME --device-out NAME\n' +
  '                            [--listen 127.0.0.1:PORT [--token TOKEN | --allow-any-local]]';

interface ModemArgs {
  deviceIn: string | undefined;
  deviceOut: string | undefined;
  listen: { host: string; port: number } | undefined;
  token: string | undefined;
  allowAnyLocal: boolean;
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

/**
 * `superboard-lab modem`: the cassette cable as a 300-baud serial line both ways (on the board: POKE 515,128
 * for input from the ACIA, POKE 517,128 for output to it). What the board sends is decoded and written out;
 * what comes in is encoded and played to it. Without --listen it is a terminal on stdin/stdout; with it, a
 * TCP bridge on loopback for one client at a time, which must first send the token line (printed at start)
 * unless --allow-any-local was given.
 */
export async function modemCommand(argv: string[], audioWorker: URL): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    process.stderr.write(`modem: ${args}\n${USAGE}\n`);
    return 2;
  }
  const service = audioService(audioWorker, undefined);
  const modem = new SoftModem(service);
  let carrier = false;
  let resumeInput: (() => void) | null = null;
  modem.onStatus((status) => {
    if (status.open && status.carrier !== carrier) {
      carrier = status.carrier;
      process.stderr.write(`modem: carrier ${carrier ? 'on' : 'off'}\n`);
    }
    if (status.queued < MAX_QUEUED / 2) resumeInput?.();
  });
  let bridge: ModemBridge | null = null;
  try {
    const ended = new Promise<string | null>((resolve) =>
      modem.onStatus((status) => {
        if (!status.open && status.error !== null) resolve(status.error);
      }),
    );
    const started = await modem.open({ deviceIn: args.deviceIn ?? '', deviceOut: args.deviceOut ?? '' });
    process.stderr.write(`modem: running at ${started.sampleRate} Hz, 300 baud 8N2; Ctrl+C stops\n`);
    if (args.listen) {
      const token = args.allowAnyLocal ? null : (args.token ?? newToken());
      bridge = await ModemBridge.start(modem, { ...args.listen, token });
      process.stderr.write(
        `modem: listening on ${bridge.host}:${bridge.port}` +
          (token === null ? ' (any local client, no token)\n' : `; send this token line first: ${token}\n`),
      );
    } else {
      modem.onBytes((bytes) => process.stdout.write(bytes));
      process.stdin.on('data', (chunk: Buffer) => {
        if (!modem.isOpen) return;
        modem.send(toBoard(new Uint8Array(chunk)));
        if (modem.status.queued >= MAX_QUEUED) {
          process.stdin.pause();
          resumeInput = () => {
            resumeInput = null;
            process.stdin.resume();
          };
        }
      });
    }
    const error = await new Promise<string | null>((resolve) => {
      const onSignal = (): void => resolve(null);
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      void ended.then(resolve);
    });
    if (error !== null) {
      process.stderr.write(`modem: ${error}\n`);
      return 1;
    }
    return 0;
  } catch (error) {
    process.stderr.write(`modem: ${message(error)}\n`);
    return 1;
  } finally {
    await bridge?.close();
    process.stdin.pause();
    await modem.close();
    await service.close();
  }
}
