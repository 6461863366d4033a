import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { REQUEST_METHODS } from '../../../src-main/ipc/contract.ts';
import { REQUEST_CHANNEL_PREFIX } from '../../../src-main/ipc/electron-transport.ts';
import { tempDir } from '../../support/temp-dir.ts';

type Handler = (...args: unknown[]) => unknown;

/** A recording stand-in for the parts of Electron the bootstrap touches. */
const electron = vi.hoisted(() => {
  const appEvents = new Map<string, Handler>();
  const contentsEvents = new Map<string, Handler>();
  const state = {
    userData: '',
    windows: [] as { options: Record<string, unknown>; url: string }[],
    windowOpenHandler: null as Handler | null,
    permissionHandler: null as Handler | null,
    permissionCheckHandler: null as Handler | null,
    deviceHandler: null as Handler | null,
    protocolHandler: null as ((request: Request) => Promise<Response>) | null,
    ipcChannels: [] as string[],
    ipcHandlers: new Map<string, Handler>(),
    dialogOptions: [] as { properties?: string[]; filters?: unknown }[],
    dialogPaths: [] as string[],
    privileged: [] as unknown[],
    sandboxEnabled: false,
  };
  const webContents = {
    on: (event: string, handler: Handler) => contentsEvents.set(event, handler),
    setWindowOpenHandler: (handler: Handler) => (state.windowOpenHandler = handler),
    isDestroyed: () => false,
    send: () => {},
  };
  class BrowserWindow {
    static all: BrowserWindow[] = [];
    static getAllWindows = () => BrowserWindow.all;
    static getFocusedWindow = () => null;
    webContents = webContents;
    constructor(options: Record<string, unknown>) {
      state.windows.push({ options, url: '' });
      BrowserWindow.all.push(this);
    }
    once() {}
    loadURL(url: string) {
      state.windows[state.windows.length - 1]!.url = url;
      return Promise.resolve();
    }
  }
  return {
    state,
    appEvents,
    contentsEvents,
    module: {
      app: {
        whenReady: () => Promise.resolve(),
        on: (event: string, handler: Handler) => appEvents.set(event, handler),
        enableSandbox: () => (state.sandboxEnabled = true),
        getVersion: () => '9.9.9',
        getPath: () => state.userData,
        exit: () => {},
      },
      BrowserWindow,
      dialog: {
        showOpenDialog: async (options: { properties?: string[] }) => {
          state.dialogOptions.push(options);
          return { canceled: state.dialogPaths.length === 0, filePaths: state.dialogPaths };
        },
        showErrorBox: () => {},
      },
      ipcMain: {
        handle: (channel: string, handler: Handler) => {
          state.ipcChannels.push(channel);
          state.ipcHandlers.set(channel, handler);
        },
        removeHandler: () => {},
      },
      net: {
        fetch: async () => new Response('<!doctype html>', { headers: { 'content-type': 'text/html' } }),
      },
      protocol: {
        registerSchemesAsPrivileged: (schemes: unknown[]) => state.privileged.push(...schemes),
        handle: (_scheme: string, handler: (request: Request) => Promise<Response>) =>
          (state.protocolHandler = handler),
      },
      session: {
        defaultSession: {
          setPermissionRequestHandler: (handler: Handler) => (state.permissionHandler = handler),
          setPermissionCheckHandler: (handler: Handler) => (state.permissionCheckHandler = handler),
          setDevicePermissionHandler: (handler: Handler) => (state.deviceHandler = handler),
        },
      },
    },
  };
});

vi.mock('electron', () => ({ ...electron.module, default: electron.module }));

beforeAll(async () => {
  electron.state.userData = (await tempDir()).dir;
  await import('../../../src-main/app/main.ts');
  await vi.waitFor(() => expect(electron.state.windows).toHaveLength(1));
});

describe('Electron bootstrap', () => {
  it('enables the sandbox and registers the app scheme as secure before ready', () => {
    expect(electron.state.sandboxEnabled).toBe(true);
    expect(electron.state.privileged).toEqual([
      {
        scheme: 'superboard',
        privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
      },
    ]);
  });

  it('opens one window with isolation, the sandbox and no Node integration', () => {
    const { options, url } = electron.state.windows[0]!;
    const prefs = options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(String(prefs.preload)).toMatch(/preload[/\\]preload\.cjs$/);
    expect(url).toBe('superboard://app/index.html');
  });

  it('serves every contract method over ipcMain', () => {
    expect(electron.state.ipcChannels).toEqual(REQUEST_METHODS.map((m) => REQUEST_CHANNEL_PREFIX + m));
  });

  it('blocks navigation away from the app and every new window', () => {
    const navigate = electron.contentsEvents.get('will-navigate')!;
    const prevented = (url: string): boolean => {
      let stopped = false;
      navigate({ preventDefault: () => (stopped = true) }, url);
      return stopped;
    };
    expect(prevented('https://example.com/')).toBe(true);
    expect(prevented('file:///etc/passwd')).toBe(true);
    expect(prevented('superboard://app/index.html')).toBe(false);
    expect(electron.state.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    let webviewStopped = false;
    electron.contentsEvents.get('will-attach-webview')!({ preventDefault: () => (webviewStopped = true) });
    expect(webviewStopped).toBe(true);
  });

  it('grants no permission, asked or checked, to the app or anyone else', () => {
    const request = (permission: string, details: object): boolean => {
      let granted: boolean | null = null;
      electron.state.permissionHandler?.(null, permission, (ok: boolean) => (granted = ok), details);
      expect(granted).not.toBeNull();
      return granted!;
    };
    const app = { requestingUrl: 'superboard://app/index.html' };
    expect(request('media', { ...app, mediaTypes: ['audio'] })).toBe(false);
    expect(request('media', { ...app, mediaTypes: ['video'] })).toBe(false);
    expect(request('media', { requestingUrl: 'https://evil.example/', mediaTypes: ['audio'] })).toBe(false);
    for (const permission of [
      'geolocation',
      'notifications',
      'clipboard-read',
      'hid',
      'serial',
      'openExternal',
    ])
      expect(request(permission, app)).toBe(false);
    const check = electron.state.permissionCheckHandler!;
    expect(check(null, 'media', 'superboard://app', { mediaType: 'audio' })).toBe(false);
    expect(check(null, 'media', 'https://evil.example', { mediaType: 'video' })).toBe(false);
    expect(check(null, 'notifications', 'superboard://app', {})).toBe(false);
    expect(electron.state.deviceHandler!({ deviceType: 'usb', origin: 'superboard://app' })).toBe(false);
  });

  it('blocks navigation of any frame away from the app', () => {
    const navigate = electron.contentsEvents.get('will-frame-navigate')!;
    const prevented = (url: string, isMainFrame: boolean): boolean => {
      let stopped = false;
      navigate({ url, isMainFrame, preventDefault: () => (stopped = true) });
      return stopped;
    };
    expect(prevented('https://example.com/', false)).toBe(true);
    expect(prevented('https://example.com/', true)).toBe(true);
    expect(prevented('superboard://app/index.html', false)).toBe(false);
  });

  it('allows the Electron page no WebSocket: connect-src is the app itself', async () => {
    const page = await electron.state.protocolHandler!(new Request('superboard://app/index.html'));
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("connect-src 'self';");
    expect(csp).not.toMatch(/ws:|wss:|localhost|127\.0\.0\.1/);
  });

  it('answers a malformed %-escape with 404 instead of throwing', async () => {
    const handler = electron.state.protocolHandler!;
    for (const url of [
      'superboard://app/%E0%A4%A',
      'superboard://app/%ZZ.js',
      'superboard://app/media/%E0%A4%A',
    ])
      expect((await handler(new Request(url))).status).toBe(404);
  });

  it('serves the renderer with the CSP and refuses paths outside it', async () => {
    const handler = electron.state.protocolHandler!;
    const page = await handler(new Request('superboard://app/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const escape = await handler(new Request('superboard://app/..%2F..%2Fpackage.json'));
    expect(escape.status).toBe(404);
    const otherHost = await handler(new Request('superboard://evil/index.html'));
    expect(otherHost.status).toBe(404);
  });

  it('opens a file dialog for files and a folder dialog for folders, registering what was chosen', async () => {
    const work = await tempDir();
    const file = path.join(work.dir, 'tape.wav');
    const folder = path.join(work.dir, 'shoebox');
    await writeFile(file, 'RIFF');
    await mkdir(folder);
    const openDialog = (payload: unknown): Promise<unknown> =>
      electron.state.ipcHandlers.get(REQUEST_CHANNEL_PREFIX + 'files.openDialog')!(
        { senderFrame: { url: 'superboard://app/index.html' } },
        payload,
      ) as Promise<unknown>;
    const names = (reply: unknown): string[] =>
      (reply as { value: { files: { name: string }[] } }).value.files.map((f) => f.name);

    electron.state.dialogPaths = [file];
    expect(names(await openDialog({ purpose: 'any', multiple: true }))).toEqual(['tape.wav']);
    expect(electron.state.dialogOptions.at(-1)!.properties).toEqual(['openFile', 'multiSelections']);

    electron.state.dialogPaths = [folder];
    expect(names(await openDialog({ purpose: 'any', multiple: true, folders: true }))).toEqual(['shoebox']);
    expect(electron.state.dialogOptions.at(-1)).toEqual({ properties: ['openDirectory', 'multiSelections'] });

    // A folder is not taken where a file was asked for, nor a file where a folder was.
    await expect(openDialog({ purpose: 'any', multiple: true })).resolves.toMatchObject({
      ok: false,
      error: { message: 'shoebox is not a file.' },
    });
    electron.state.dialogPaths = [file];
    await expect(openDialog({ purpose: 'any', folders: true })).resolves.toMatchObject({
      ok: false,
      error: { message: 'tape.wav is not a folder.' },
    });
    expect(electron.state.dialogOptions.at(-1)!.properties).toEqual(['openDirectory']);
    electron.state.dialogPaths = [];
    await work.remove();
  });
});
