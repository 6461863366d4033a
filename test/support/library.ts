import { Library, type LibraryOpenOptions } from '../../src-main/services/library/library.ts';

/** The library's decode worker as TypeScript source (Node runs it directly). */
export const LIBRARY_WORKER = new URL('../../src-main/services/library/decode-worker.ts', import.meta.url);

export function openLibrary(folder: string, options: Partial<LibraryOpenOptions> = {}): Promise<Library> {
  return Library.open(folder, { workerUrl: LIBRARY_WORKER, workers: 2, ...options });
}
