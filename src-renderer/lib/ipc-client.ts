import type {
  EventName,
  EventPayload,
  FileRef,
  IpcErrorBody,
  IpcResult,
  RequestInput,
  RequestMethod,
  RequestOutput,
} from '../../src-main/ipc/contract.ts';
import type { PreloadApi } from '../../src-main/ipc/preload-api.ts';
import {
  MAX_UPLOAD_BYTES,
  MEDIA_PATH,
  TOKEN_HEADER,
  UPLOAD_PATH,
  WS_PATH,
  uploadTooLarge,
  type WireMessage,
} from '../../src-main/ipc/wire.ts';

/** An upload reports its progress at most this often. */
const PROGRESS_EVERY_MS = 250;

export class IpcError extends Error {
  readonly code: IpcErrorBody['code'];
  constructor(body: IpcErrorBody) {
    super(body.message);
    this.name = 'IpcError';
    this.code = body.code;
  }
}

export type ConnectionState = 'connecting' | 'open' | 'closed';

/** The renderer's one view of main, whichever transport carries it. */
export interface IpcClient {
  readonly transport: 'electron' | 'browser';
  request<M extends RequestMethod>(method: M, payload?: RequestInput<M>): Promise<RequestOutput<M>>;
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
  onConnection(listener: (state: ConnectionState) => void): () => void;
  /** A URL for one of the host's own routes (media, exports), with the credentials that host needs. */
  hostUrl(path: string): string;
  /** Where the renderer can stream or download a file main has registered (HTTP ranges). */
  mediaUrl(fileId: string): string;
  /** Browser host only: sends a file from an <input type=file> or a drop to main. */
  /** `fileId`: the upload was reserved (files.reserveUpload) and goes there. */
  upload?(file: File, onProgress?: (fraction: number) => void, fileId?: string): Promise<FileRef>;
}

declare global {
  interface Window {
    superboard?: PreloadApi;
  }
}

function unwrap<T>(result: IpcResult<T>): T {
  if (result.ok) return result.value;
  throw new IpcError(result.error);
}

export function connectIpc(): IpcClient {
  return window.superboard ? electronClient(window.superboard) : browserClient();
}

function electronClient(api: PreloadApi): IpcClient {
  return {
    transport: 'electron',
    async request(method, payload) {
      const call = api.requests[method] as (p: unknown) => Promise<IpcResult<RequestOutput<typeof method>>>;
      return unwrap(await call(payload ?? null));
    },
    on: (name, listener) => api.on(name, listener),
    hostUrl: (path) => `superboard://app${path}`,
    mediaUrl: (fileId) => `superboard://app${MEDIA_PATH}${encodeURIComponent(fileId)}`,
    onConnection(listener) {
      listener('open');
      return () => {};
    },
  };
}

/** Reads the per-launch token from the URL fragment once and keeps it for reloads of this tab. */
function takeToken(): string {
  const match = /token=([0-9a-f]+)/.exec(location.hash);
  if (match?.[1]) {
    sessionStorage.setItem('superboard-token', match[1]);
    history.replaceState(null, '', location.pathname + location.search);
    return match[1];
  }
  return sessionStorage.getItem('superboard-token') ?? '';
}

function browserClient(): IpcClient {
  const token = takeToken();
  const pending = new Map<number, { resolve: (r: IpcResult<unknown>) => void; reject: (e: Error) => void }>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  let nextId = 1;
  let socket: WebSocket | null = null;
  let state: ConnectionState = 'connecting';
  let opened: Promise<void>;
  let retry = 500;

  const setState = (next: ConnectionState): void => {
    state = next;
    for (const listener of connectionListeners) listener(next);
  };

  const connect = (): void => {
    const ws = new WebSocket(`ws://${location.host}${WS_PATH}?token=${encodeURIComponent(token)}`);
    socket = ws;
    setState('connecting');
    opened = new Promise<void>((resolve, reject) => {
      ws.addEventListener('open', () => {
        retry = 500;
        setState('open');
        resolve();
      });
      ws.addEventListener('close', () => {
        for (const [, call] of pending) call.reject(new Error('Lost the connection to the app.'));
        pending.clear();
        setState('closed');
        reject(new Error('Could not connect to the app.'));
        setTimeout(connect, retry);
        retry = Math.min(retry * 2, 5000);
      });
    });
    opened.catch(() => {});
    ws.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data)) as WireMessage;
      if (message.type === 'response') {
        if (message.id === null) return;
        const call = pending.get(message.id);
        pending.delete(message.id);
        call?.resolve(message.result);
      } else {
        for (const listener of listeners.get(message.name) ?? []) listener(message.payload);
      }
    });
  };
  connect();

  return {
    transport: 'browser',
    async request(method, payload) {
      if (state !== 'open') await opened;
      const id = nextId++;
      const result = await new Promise<IpcResult<unknown>>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        socket?.send(JSON.stringify({ id, method, payload: payload ?? null }));
      });
      return unwrap(result) as RequestOutput<typeof method>;
    },
    on(name, listener) {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
    hostUrl: (path) => `${path}${path.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`,
    mediaUrl: (fileId) => `${MEDIA_PATH}${encodeURIComponent(fileId)}?token=${encodeURIComponent(token)}`,
    onConnection(listener) {
      connectionListeners.add(listener);
      listener(state);
      return () => connectionListeners.delete(listener);
    },
    upload(file, onProgress, fileId) {
      if (file.size > MAX_UPLOAD_BYTES) {
        return Promise.reject(
          new IpcError({ code: 'bad-request', message: uploadTooLarge(file.name, MAX_UPLOAD_BYTES) }),
        );
      }
      return new Promise<FileRef>((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        const reserved = fileId === undefined ? '' : `&fileId=${encodeURIComponent(fileId)}`;
        xhr.open('POST', `${UPLOAD_PATH}?name=${encodeURIComponent(file.name)}${reserved}`);
        xhr.setRequestHeader(TOKEN_HEADER, token);
        // Chromium reports every 50 ms or so; each report repaints the page, which on a long upload is
        // processor time taken from the upload and the decoding beside it, so at most four a second.
        let reported = -Infinity;
        xhr.upload.onprogress = (event) => {
          const now = performance.now();
          if (!event.lengthComputable || (now - reported < PROGRESS_EVERY_MS && event.loaded < event.total))
            return;
          reported = now;
          onProgress?.(event.loaded / event.total);
        };
        xhr.onload = () => {
          const body = JSON.parse(xhr.responseText) as FileRef & { error?: string };
          if (xhr.status === 200) resolve(body);
          else
            reject(new IpcError({ code: 'failed', message: body.error ?? `Upload failed (${xhr.status}).` }));
        };
        xhr.onerror = () =>
          reject(new IpcError({ code: 'failed', message: 'Upload failed: no connection.' }));
        xhr.send(file);
      });
    },
  };
}
