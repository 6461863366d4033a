import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import packageJson from '../../package.json' with { type: 'json' };
import { EventHub } from '../ipc/event-hub.ts';
import { AppServices } from '../services/app-services.ts';
import { builtLabMonitor } from '../services/lab-monitor-rom.ts';
import { defaultUserDataDir } from '../user-data.ts';
import { startWebHost } from './web-host.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'user-data': { type: 'string' },
    static: { type: 'string' },
    token: { type: 'string' },
    'rom-dir': { type: 'string' },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`superboard-lab: --port must be a port number, not '${values.port}'`);
  process.exit(2);
}

const log = (message: string, error?: unknown): void => {
  console.error(
    `superboard-lab: ${message}${error instanceof Error ? `: ${error.stack ?? error.message}` : ''}`,
  );
};

const services = new AppServices(
  {
    host: 'browser',
    version: packageJson.version,
    electron: null,
    userDataDir: values['user-data'] ?? defaultUserDataDir(),
    emulator: {
      workerUrl: new URL('./emulator-worker.js', import.meta.url),
      ...builtLabMonitor(import.meta.url),
      ...(values['rom-dir'] ? { romDir: values['rom-dir'] } : {}),
    },
    log,
    tapeWorker: new URL('./tape-worker.js', import.meta.url),
    audioWorker: new URL('./audio-worker.js', import.meta.url),
    libraryWorker: new URL('./library-worker.js', import.meta.url),
    farmThread: new URL('./farm-worker.js', import.meta.url),
  },
  new EventHub(),
);
try {
  await services.start();
} catch (error) {
  console.error(`superboard-lab: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
if (services.settings.loadProblem) log(services.settings.loadProblem);
if (services.emulator?.roms.problem) log(services.emulator.roms.problem);

const host = await startWebHost({
  services,
  staticDir: values.static ?? fileURLToPath(new URL('../renderer', import.meta.url)),
  port,
  ...(values.token ? { token: values.token } : {}),
  log,
});

let closing = false;
async function shutdown(signal: string): Promise<void> {
  if (closing) return;
  closing = true;
  console.error(`superboard-lab: ${signal}, shutting down`);
  await host.close();
  await services.stop();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
// Printed once the signal handlers are in place: whoever reads the address may stop the host at once.
console.log(`Superboard Lab browser host: ${host.url}`);
