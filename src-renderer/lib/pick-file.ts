import type { FilePurpose, FileRef } from '../../src-main/ipc/contract.ts';
import type { IpcClient } from './ipc-client.ts';

/**
 * Hands files to main and returns their references: in Electron the native open dialog, in the browser host
 * an upload of the files the user chose in an <input type=file> or dropped. Empty when the user cancelled.
 */
export async function pickFiles(
  client: IpcClient,
  purpose: FilePurpose,
  options: {
    multiple?: boolean;
    /** Electron only: choose folders instead of files. */
    folders?: boolean;
    chosen?: readonly File[];
    onProgress?: (file: File, fraction: number) => void;
  } = {},
): Promise<FileRef[]> {
  const upload = client.upload;
  if (upload) {
    const chosen = options.chosen ?? [];
    return Promise.all(
      chosen.map((file) => upload(file, (fraction) => options.onProgress?.(file, fraction))),
    );
  }
  const request = {
    purpose,
    multiple: options.multiple ?? false,
    ...(options.folders ? { folders: true } : {}),
  };
  return (await client.request('files.openDialog', request)).files;
}
