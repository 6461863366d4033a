import { app, BrowserWindow, dialog, ipcMain, net, protocol, session } from 'electron';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FilePurpose, TapeExportKind } from '../ipc/contract.ts';
import { registerElectronTransport } from '../ipc/electron-transport.ts';
import { EventHub } from '../ipc/event-hub.ts';
import { MEDIA_PATH } from '../ipc/wire.ts';
import { ELECTRON_SECURITY_HEADERS, safeDecode } from '../security.ts';
import { AppServices } from '../services/app-services.ts';
import { builtLabMonitor } from '../services/lab-monitor-rom.ts';
import { serveMediaRange } from '../services/media-range.ts';
import { unpackedUrl } from './asar.ts';
import { denyAllPermissions } from './permissions.ts';
import { APP_SCHEME, createMainWindow, hardenWebContents, isAppUrl } from './window.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = path.resolve(here, '../renderer');
const preloadPath = path.resolve(here, '../preload/preload.cjs');

const FILTERS: Record<FilePurpose, Electron.FileFilter[]> = {
  tape: [{ name: 'Tape audio', extensions: ['wav', 'flac', 'ogg', 'mp3'] }],
  rom: [{ name: 'ROM images', extensions: ['bin', 'rom', 'img'] }],
  state: [{ name: 'Machine states', extensions: ['sblstate'] }],
  any: [],
};

/** `--rom-dir DIR` or `--rom-dir=DIR` on the command line. */
function romDirArgument(): string | undefined {
  const args = process.argv;
  const index = args.indexOf('--rom-dir');
  if (index >= 0) return args[index + 1];
  return args.find((a) => a.startsWith('--rom-dir='))?.slice('--rom-dir='.length);
}
const EXPORT_FILTERS: Record<TapeExportKind, Electron.FileFilter[]> = {
  bytes: [{ name: 'Decoded bytes', extensions: ['bin'] }],
  text: [{ name: 'Text listing', extensions: ['txt'] }],
  wav: [{ name: 'WAV audio', extensions: ['wav'] }],
  labels: [{ name: 'Audacity labels', extensions: ['txt'] }],
};

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
]);
app.enableSandbox();

app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

async function start(): Promise<void> {
  await app.whenReady();

  const events = new EventHub();
  const services = new AppServices(
    {
      host: 'electron',
      version: app.getVersion(),
      electron: process.versions.electron ?? null,
      userDataDir: app.getPath('userData'),
      emulator: {
        workerUrl: unpackedUrl(new URL('./emulator-worker.js', import.meta.url)),
        ...builtLabMonitor(import.meta.url),
        ...(romDirArgument() ? { romDir: romDirArgument() } : {}),
      },
      openDialog: async (purpose, multiple, folders) => {
        const parent = BrowserWindow.getFocusedWindow();
        // Linux and Windows show either a file or a folder chooser, never both: folders get their own dialog.
        const options: Electron.OpenDialogOptions = {
          properties: [
            folders ? 'openDirectory' : 'openFile',
            ...(multiple ? (['multiSelections'] as const) : []),
          ],
          ...(folders ? {} : { filters: FILTERS[purpose] }),
        };
        const result = parent
          ? await dialog.showOpenDialog(parent, options)
          : await dialog.showOpenDialog(options);
        return result.canceled ? [] : result.filePaths;
      },
      saveDialog: async (defaultName, kind) => {
        const parent = BrowserWindow.getFocusedWindow();
        const options: Electron.SaveDialogOptions = {
          defaultPath: defaultName,
          filters: EXPORT_FILTERS[kind],
        };
        const result = parent
          ? await dialog.showSaveDialog(parent, options)
          : await dialog.showSaveDialog(options);
        return result.canceled || !result.filePath ? null : result.filePath;
      },
      saveFileDialog: async (defaultName) => {
        const parent = BrowserWindow.getFocusedWindow();
        const options: Electron.SaveDialogOptions = { defaultPath: defaultName };
        const result = parent
          ? await dialog.showSaveDialog(parent, options)
          : await dialog.showSaveDialog(options);
        return result.canceled || !result.filePath ? null : result.filePath;
      },
      tapeWorker: unpackedUrl(new URL('./tape-worker.js', import.meta.url)),
      audioWorker: unpackedUrl(new URL('./audio-worker.js', import.meta.url)),
      libraryWorker: unpackedUrl(new URL('./library-worker.js', import.meta.url)),
      farmThread: unpackedUrl(new URL('./farm-worker.js', import.meta.url)),
    },
    events,
  );
  await services.start();

  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host === 'app' && url.pathname.startsWith(MEDIA_PATH)) return media(request, url);
    const decoded = safeDecode(url.pathname);
    if (decoded === null) return new Response('not found', { status: 404 });
    const file = path.resolve(rendererDir, decoded.replace(/^\/+/, '') || 'index.html');
    if (url.host !== 'app' || !file.startsWith(rendererDir + path.sep))
      return new Response('not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    for (const [name, value] of Object.entries(ELECTRON_SECURITY_HEADERS)) headers.set(name, value);
    return new Response(response.body, { status: response.status, headers });
  });

  function media(request: Request, url: URL): Response {
    let file;
    try {
      file = services.files.get(safeDecode(url.pathname.slice(MEDIA_PATH.length)) ?? '');
    } catch {
      return new Response('not found', { status: 404 });
    }
    const answer = serveMediaRange(file.path, file.size, request.headers.get('range'));
    const body = answer.body ? (Readable.toWeb(answer.body) as ReadableStream) : null;
    return new Response(body, {
      status: answer.status,
      headers: { ...ELECTRON_SECURITY_HEADERS, ...answer.headers },
    });
  }

  denyAllPermissions(session.defaultSession);

  const unregister = registerElectronTransport({
    ipcMain,
    handlers: services.handlers(),
    events,
    isTrustedUrl: isAppUrl,
    targets: () => BrowserWindow.getAllWindows().map((w) => w.webContents),
    log: (message, error) => console.error(`superboard-lab: ${message}`, error ?? ''),
  });

  createMainWindow(preloadPath);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow(preloadPath);
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    unregister();
    void services.stop();
  });
}

start().catch((error: unknown) => {
  dialog.showErrorBox(
    'Superboard Lab could not start',
    error instanceof Error ? error.message : String(error),
  );
  app.exit(1);
});
