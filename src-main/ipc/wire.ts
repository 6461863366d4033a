/** Frames of the WebSocket transport. Requests carry a client-chosen id that the response repeats. */
import type { IpcResult } from './contract.ts';

export interface WireRequest {
  id: number;
  method: string;
  payload?: unknown;
}

export type WireMessage =
  | { type: 'response'; id: number | null; result: IpcResult<unknown> }
  | { type: 'event'; name: string; payload: unknown };

export const WS_PATH = '/ipc';
export const UPLOAD_PATH = '/upload';
/** GET /media/<fileId>: a registered audio file with HTTP range support, for playback. */
export const MEDIA_PATH = '/media/';
export const TOKEN_HEADER = 'x-superboard-token';
export const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
/** The largest file the browser host takes as an upload (the renderer checks before sending). */
export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024 * 1024;

/** The message for a file over an upload limit, the same from the renderer's check and from the host. */
export function uploadTooLarge(name: string, maxBytes: number): string {
  return `${name} is larger than ${maxBytes} bytes, the most the browser host takes.`;
}
