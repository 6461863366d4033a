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
