// The library section of the contract: opens the library folder (remembered in the user data folder), runs
// imports in the background with progress events, and turns Library results into contract shapes.
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { LibraryInfo, libraryRequests } from '../../ipc/contract.ts';
import { ServiceError, type SectionHandlers } from '../../ipc/dispatch.ts';
import type { EventHub } from '../../ipc/event-hub.ts';
import type { FileRef } from '../../ipc/contract.ts';
import type { FileRegistry } from '../file-registry.ts';
import { textListing } from '../tapes/tape-results.ts';
import { Library, LibraryError } from './library.ts';
import { exportName, writeLibraryExport } from './library-export.ts';
import { SCHEMA_VERSION } from './schema.ts';
import { ERROR_CONFIDENCE } from '../../core/library/blocks.ts';

export interface LibraryServiceOptions {
  files: FileRegistry;
  events: EventHub;
  userDataDir: string;
  workerUrl: URL;
  /** Electron's save dialog: the chosen path, null when cancelled. Absent in the browser host. */
  saveDialog?: (defaultName: string) => Promise<string | null>;
  /** Writes an export to a temporary file (`write` fills it) offered for the browser host's download. */
  offerDownload: (fileName: string, write: (target: string) => Promise<void>) => Promise<FileRef>;
  /** The emulator's cassette deck, when there is an emulator. */
  playBytes?: () => ((name: string, bytes: Uint8Array, speed: 'tape' | 'fast') => Promise<void>) | null;
}

const LOCATION_FILE = 'library-location.json';

/** The library folder the app uses: the one last opened (remembered in the user data folder), else the default. */
export async function libraryFolder(userDataDir: string): Promise<string> {
  try {
    const saved = JSON.parse(await readFile(path.join(userDataDir, LOCATION_FILE), 'utf8')) as {
      folder?: unknown;
    };
    if (typeof saved.folder === 'string' && saved.folder !== '') return saved.folder;
  } catch {
    // No choice remembered.
  }
  return path.join(userDataDir, 'library');
}
const MAX_DIFFERENCES = 1000;

export class LibraryService {
  readonly #options: LibraryServiceOptions;
  #library: Library | null = null;
  #folder: string;
  #problem: LibraryInfo['problem'] = null;
  readonly #imports = new Map<string, AbortController>();

  constructor(options: LibraryServiceOptions) {
    this.#options = options;
    this.#folder = this.defaultFolder;
  }

  get defaultFolder(): string {
    return path.join(this.#options.userDataDir, 'library');
  }

  get library(): Library | null {
    return this.#library;
  }

  /** Opens the remembered library folder (or the default); a problem is kept for library.info, not thrown. */
  async start(): Promise<void> {
    const folder = await libraryFolder(this.#options.userDataDir);
    await this.#open(folder, false);
  }

  async stop(): Promise<void> {
    for (const controller of this.#imports.values()) controller.abort();
    await this.#library?.close();
    this.#library = null;
  }

  async #open(folder: string, startFresh: boolean): Promise<void> {
    await this.#library?.close();
    this.#library = null;
    this.#folder = path.resolve(folder);
    this.#problem = null;
    try {
      this.#library = await Library.open(this.#folder, { workerUrl: this.#options.workerUrl, startFresh });
    } catch (error) {
      const reason = error instanceof LibraryError ? error.reason : 'other';
      this.#problem = {
        reason: reason === 'corrupt' || reason === 'newer' || reason === 'unwritable' ? reason : 'other',
        message: error instanceof Error ? error.message : String(error),
      };
    }
  }

  info(): LibraryInfo {
    const library = this.#library;
    const tapes = library ? library.list({ limit: 1 }).total : 0;
    return {
      folder: this.#folder,
      open: library !== null,
      problem: this.#problem,
      orphans: library?.startup.orphans ?? [],
      missing: library?.startup.missing ?? [],
      tapes,
      schemaVersion: SCHEMA_VERSION,
    };
  }

  #get(): Library {
    if (this.#library) return this.#library;
    throw new ServiceError('failed', this.#problem?.message ?? 'The library is not open.');
  }

  /** Runs a Library call, turning its errors into ones the renderer shows. */
  async #run<T>(work: (library: Library) => T | Promise<T>): Promise<T> {
    try {
      return await work(this.#get());
    } catch (error) {
      if (error instanceof LibraryError) {
        throw new ServiceError(error.reason === 'not-found' ? 'not-found' : 'failed', error.message);
      }
      throw error;
    }
  }

  #changed(): void {
    this.#options.events.emit('library.changed', {});
  }

  handlers(): SectionHandlers<typeof libraryRequests> {
    const { events, files } = this.#options;
    return {
      'library.info': async () => this.info(),
      'library.open': async ({ folder, startFresh }) => {
        const target = folder === null ? this.defaultFolder : folder;
        if (!path.isAbsolute(target))
          throw new ServiceError('bad-request', 'Give the library folder as a full path.');
        await this.#open(target, startFresh ?? false);
        if (this.#library) {
          const file = path.join(this.#options.userDataDir, LOCATION_FILE);
          await mkdir(this.#options.userDataDir, { recursive: true });
          await writeFile(`${file}.tmp`, `${JSON.stringify({ folder: this.#folder })}\n`);
          await rename(`${file}.tmp`, file);
        }
        this.#changed();
        return this.info();
      },
      'library.list': async (query) => this.#run((library) => library.list(query)),
      'library.tape': async ({ tapeId }) => this.#run((library) => library.tape(tapeId)),
      'library.update': async ({ tapeId, ...patch }) => {
        const detail = await this.#run((library) => library.update(tapeId, patch));
        this.#changed();
        return detail;
      },
      'library.import': async ({ fileIds, tapeId, origin, title }) => {
        const library = this.#get();
        const sources = fileIds.map((fileId) => {
          const entry = files.get(fileId);
          return { path: entry.path, name: entry.name };
        });
        // Uploads are temporary files: keep them until the import has read them.
        for (const fileId of fileIds) files.hold(fileId);
        const importId = `import-${randomUUID()}`;
        const controller = new AbortController();
        this.#imports.set(importId, controller);
        void library
          .import(sources, {
            ...(tapeId === undefined ? {} : { tapeId }),
            ...(origin === undefined ? {} : { origin }),
            ...(title === undefined ? {} : { title }),
            signal: controller.signal,
            onProgress: (progress) => events.emit('library.importProgress', { importId, ...progress }),
          })
          .catch((error: unknown) =>
            sources.map((s) => ({
              name: s.name,
              status: 'failed' as const,
              reason: error instanceof Error ? error.message : String(error),
              tapeId: null,
              takeId: null,
            })),
          )
          .then((entries) => {
            for (const fileId of fileIds) files.release(fileId);
            this.#imports.delete(importId);
            events.emit('library.importDone', { importId, cancelled: controller.signal.aborted, entries });
            this.#changed();
          });
        return { importId };
      },
      'library.cancelImport': async ({ importId }) => {
        this.#imports.get(importId)?.abort();
        return {};
      },
      'library.trash': async ({ kind, id }) => {
        await this.#run((library) => library.trash(kind, id));
        this.#changed();
        return {};
      },
      'library.restore': async ({ kind, id }) => {
        await this.#run((library) => library.restore(kind, id));
        this.#changed();
        return {};
      },
      'library.trashList': async () => ({ items: await this.#run((library) => library.trashed()) }),
      'library.emptyTrash': async () => {
        const removed = await this.#run((library) => library.emptyTrash());
        this.#changed();
        return { removed };
      },
      'library.resolveOrphan': async ({ path: relative, action }) => {
        const entry = await this.#run((library) => library.resolveOrphan(relative, action));
        this.#changed();
        return { entry };
      },
      'library.compare': async ({ a, b }) =>
        this.#run((library) => {
          const result = library.compare(a, b);
          return {
            ...result,
            differences: result.differences.slice(0, MAX_DIFFERENCES),
            truncated: result.differences.length > MAX_DIFFERENCES,
          };
        }),
      'library.merge': async ({ takeIds }) => {
        const result = await this.#run((library) => library.merge(takeIds));
        this.#changed();
        return result;
      },
      'library.content': async ({ takeId }) =>
        this.#run((library) => {
          const content = library.content(takeId);
          const weakIndices: number[] = [];
          content.confidence.forEach((c, i) => {
            if (c < ERROR_CONFIDENCE && weakIndices.length < 10000) weakIndices.push(i);
          });
          return {
            bytesBase64: Buffer.from(content.bytes).toString('base64'),
            text: textListing(content.bytes).text,
            weakIndices,
          };
        }),
      'library.openTake': async ({ takeId }) =>
        this.#run(async (library) => {
          const { name } = library.content(takeId);
          return files.register(library.originalPath(takeId), name);
        }),
      'library.loadIntoDeck': async ({ takeId, speed }) => {
        const play = this.#options.playBytes?.() ?? null;
        if (!play)
          throw new ServiceError('unsupported', 'The emulator is not running, so it has no tape deck.');
        const content = await this.#run((library) => library.content(takeId));
        await play(content.name, content.bytes, speed);
        return { name: content.name, bytes: content.bytes.length };
      },
      'library.export': async ({ takeId, format, rate }, context) =>
        this.#run(async (library) => {
          const fileName = exportName(library.content(takeId).name, format);
          const options = rate === undefined ? {} : { rate };
          if (context.host === 'electron' && this.#options.saveDialog) {
            const target = await this.#options.saveDialog(fileName);
            if (target === null) return { fileName, bytes: 0, download: null, savedAs: null };
            const bytes = await writeLibraryExport(library, takeId, format, target, options);
            return { fileName, bytes, download: null, savedAs: path.basename(target) };
          }
          let bytes = 0;
          const ref = await this.#options.offerDownload(fileName, async (target) => {
            bytes = await writeLibraryExport(library, takeId, format, target, options, true);
          });
          return { fileName, bytes, download: ref, savedAs: null };
        }),
    };
  }
}
