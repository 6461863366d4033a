import type { FilePurpose, FileRef } from '../../src-main/ipc/contract.ts';
import type { IpcClient } from './ipc-client.ts';

/**
 * Hands a file to main and returns its reference: in Electron the native dialog, in the browser host an
 * upload of the file the user chose in an <input type=file>. Undefined when the user cancelled.
 */
export async function pickFile(
  client: IpcClient,
  purpose: FilePurpose,
  chosen?: File,
  onProgress?: (fraction: number) => void,
): Promise<FileRef | undefined> {
  if (client.upload) return chosen ? client.upload(chosen, onProgress) : undefined;
  return (await client.request('files.openDialog', { purpose })).files[0];
}
