// The tape library: a folder holding every original file content-addressed under media/, and an SQLite
// catalogue (library.sqlite, WAL, foreign keys, FTS5) whose paths are relative to the folder, so the folder can
// be moved. Import is crash-safe: the copy goes to tmp/ inside the folder, is fsynced and renamed into media/,
// and only then one transaction adds the catalogue rows. The CLI and the app both use this class.
import { access, constants, mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import { ERROR_CONFIDENCE, splitBlocks, type Block, type BlockKind } from '../../core/library/blocks.ts';
import { align, differences, type Difference } from '../../core/library/compare.ts';
import { mergeTakes } from '../../core/library/merge.ts';
import { textListing } from '../tapes/tape-results.ts';
import { DecodePool } from './decode-pool.ts';
import { hashFile, PARTIAL_COPY, storeMedia, walk, type StoredMedia } from './media-store.ts';
import type { AudioDecode } from './decode-protocol.ts';
import { indexShortWords, migrate, SCHEMA_VERSION, SchemaVersionError, userVersion } from './schema.ts';
import { identify, SourceError, tapeBytes, type SourceKind } from './take-source.ts';

export const DB_FILE = 'library.sqlite';
export const ORIGINS = ['line-in', 'imported', 'encoded', 'emulator'] as const;
export type Origin = (typeof ORIGINS)[number];
export type TakeFormat =
  'wav' | 'flac' | 'ogg-flac' | 'ogg-vorbis' | 'mp3' | 'basic' | '65v' | 'raw' | 'merged';

/** A problem the user must hear about, worded for them; nothing was changed. */
export class LibraryError extends Error {
  readonly reason: 'corrupt' | 'newer' | 'unwritable' | 'not-found' | 'bad-input';
  constructor(message: string, reason: LibraryError['reason'] = 'bad-input') {
    super(message);
    this.name = 'LibraryError';
    this.reason = reason;
  }
}

export interface TapeRow {
  id: number;
  title: string;
  side: 'A' | 'B' | null;
  tags: string;
  origin: Origin;
  createdAt: number;
  modifiedAt: number;
  takeCount: number;
  /** The best take's weak bytes (else the fewest of any take); null without takes. */
  errorCount: number | null;
  byteCount: number;
  kinds: BlockKind[];
}

export interface BlockRow extends Block {
  takeId: number;
}

export interface TakeRow {
  id: number;
  tapeId: number;
  name: string;
  format: TakeFormat;
  sha256: string;
  size: number;
  sampleRate: number | null;
  channels: number | null;
  channel: number | null;
  durationSeconds: number | null;
  byteCount: number;
  errorCount: number;
  markHz: number | null;
  spaceHz: number | null;
  baud: number | null;
  speedDeviationPercent: number | null;
  /**
   * The tape format the recording was decoded in, as the decoder words it ('300 baud 8N2 (detected)');
   * null for a take that is not a recording, or one imported before the format was kept.
   */
  tapeFormat: string | null;
  warnings: string[];
  createdAt: number;
  derivedFrom: number[] | null;
  best: boolean;
  /** False when the original file has gone from the folder. */
  present: boolean;
  blocks: BlockRow[];
}

export interface TapeDetail extends TapeRow {
  notes: string;
  machine: string;
  bestTakeId: number | null;
  takes: TakeRow[];
}

export interface ListQuery {
  search?: string;
  sort?: 'title' | 'created' | 'modified' | 'errors' | 'takes';
  descending?: boolean;
  origin?: Origin;
  kind?: BlockKind;
  errors?: 'with' | 'without';
  /** Which date `from` and `to` bound: when the tape was added (default) or last changed. */
  dateOf?: 'created' | 'modified';
  /** Added (or changed) at or after / before, ms since 1970. */
  from?: number;
  to?: number;
  offset?: number;
  limit?: number;
}

export interface TapePatch {
  title?: string;
  side?: 'A' | 'B' | null;
  notes?: string;
  tags?: string;
  machine?: string;
  bestTakeId?: number | null;
}

export interface ImportSource {
  path: string;
  /** The name the user knows the file by (an upload's original name); default the path's base name. */
  name?: string;
}

export interface ImportOptions {
  /** Add every file as a take of this tape instead of a tape each. */
  tapeId?: number;
  title?: string;
  origin?: Origin;
  /** Where a raw binary loads (it is kept as 65V text); default $0200. */
  rawAddress?: number;
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
}

export interface ImportProgress {
  done: number;
  total: number;
  current: string | null;
}

export interface ImportEntry {
  name: string;
  status: 'imported' | 'skipped' | 'failed';
  reason: string | null;
  tapeId: number | null;
  takeId: number | null;
}

export interface StartupReport {
  /** Files under media/ with no catalogue row (left by a crash between copy and commit), relative paths. */
  orphans: string[];
  /** Takes whose original file is gone. */
  missing: { takeId: number; tapeId: number; path: string }[];
  /** Unfinished import copies swept from tmp/. */
  sweptTemp: number;
}

export interface TrashItem {
  kind: 'tape' | 'take';
  id: number;
  title: string;
  deletedAt: number;
}

export interface LibraryOpenOptions {
  /** The decode worker script (the .ts source in tests, the built .js in the app). */
  workerUrl: URL;
  workers?: number;
  /** Set a corrupt catalogue aside and start a new one (only when the user says so). */
  startFresh?: boolean;
  /**
   * Check the catalogue (PRAGMA quick_check) and the folder (orphans, missing files, unfinished copies) on
   * opening; default true. A quick read-only look (the command line's list and search) may skip it.
   */
  check?: boolean;
  now?: () => number;
}

interface Decoded {
  kind: SourceKind;
  format: TakeFormat;
  bytes: Uint8Array;
  confidence: Uint8Array;
  audio: AudioDecode | null;
  blocks: Block[];
}

/** Two takes' bytes compared, aligned by edit distance. */
export interface Comparison {
  aLength: number;
  bLength: number;
  distance: number;
  differences: Difference[];
}

const MAX_LISTING = 256 * 1024;
const MAX_ERROR_STARTS = 10000;
const TAKE_COLUMNS = `k.id, k.tape_id, k.name, k.format, k.sha256, m.size, m.path, k.sample_rate, k.channels, k.channel,
  k.duration, length(k.bytes) AS byte_count, k.error_count, k.mark_hz, k.space_hz, k.baud, k.speed_deviation,
  k.summary, k.created_at, k.derived_from, k.tape_format`;

type Row = Record<string, SQLInputValue>;

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const num = (value: unknown): number => (typeof value === 'number' ? value : Number(value ?? 0));
const numOrNull = (value: unknown): number | null =>
  value === null || value === undefined ? null : num(value);

export class Library {
  readonly folder: string;
  readonly db: DatabaseSync;
  readonly startup: StartupReport;
  readonly #pool: DecodePool;
  readonly #now: () => number;
  /** Hashes of files being imported right now, so two copies in one batch are stored once. */
  readonly #inFlight = new Map<string, string>();

  private constructor(
    folder: string,
    db: DatabaseSync,
    pool: DecodePool,
    now: () => number,
    startup: StartupReport,
  ) {
    this.folder = folder;
    this.db = db;
    this.#pool = pool;
    this.#now = now;
    this.startup = startup;
  }

  /**
   * Opens (creating if needed) the library in `folder`. Refuses a read-only folder, a catalogue from a newer
   * version and a corrupt catalogue (unless `startFresh`, which keeps the damaged file aside) with a
   * LibraryError, changing nothing.
   */
  static async open(folder: string, options: LibraryOpenOptions): Promise<Library> {
    const root = path.resolve(folder);
    try {
      await mkdir(path.join(root, 'media'), { recursive: true });
      await mkdir(path.join(root, 'tmp'), { recursive: true });
      await access(root, constants.W_OK);
    } catch (error) {
      throw new LibraryError(
        `Cannot use ${root} as a library folder: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message} (it must be a folder you can write to).`,
        'unwritable',
      );
    }
    const dbPath = path.join(root, DB_FILE);
    let db: DatabaseSync;
    try {
      db = Library.#openDb(dbPath, options.check ?? true);
    } catch (error) {
      if (error instanceof LibraryError && error.reason === 'corrupt' && options.startFresh) {
        const aside = `${dbPath}.corrupt-${Date.now()}`;
        await rename(dbPath, aside);
        for (const suffix of ['-wal', '-shm'])
          await rename(`${dbPath}${suffix}`, `${aside}${suffix}`).catch(() => {});
        db = Library.#openDb(dbPath, true);
      } else throw error;
    }
    const pool = new DecodePool(options.workerUrl, options.workers);
    const library = new Library(root, db, pool, options.now ?? Date.now, {
      orphans: [],
      missing: [],
      sweptTemp: 0,
    });
    if (options.check ?? true) await library.#check();
    return library;
  }

  static #openDb(dbPath: string, check: boolean): DatabaseSync {
    let db: DatabaseSync | null = null;
    try {
      db = new DatabaseSync(dbPath, { timeout: 5000, enableForeignKeyConstraints: true });
      const found = userVersion(db);
      if (found > SCHEMA_VERSION) throw new SchemaVersionError(found);
      if (check) {
        const rows = db.prepare('PRAGMA quick_check').all() as { quick_check: string }[];
        if (rows[0]?.quick_check !== 'ok') throw new Error(rows.map((r) => r.quick_check).join('; '));
      }
      db.exec('PRAGMA journal_mode = WAL');
      db.exec('PRAGMA synchronous = FULL');
      migrate(db);
      return db;
    } catch (error) {
      db?.close();
      if (error instanceof SchemaVersionError) throw new LibraryError(error.message, 'newer');
      const message = error instanceof Error ? error.message : String(error);
      if (/unable to open|permission|readonly|read-only|locked|busy/i.test(message)) {
        throw new LibraryError(`Cannot open the library catalogue ${dbPath}: ${message}`, 'unwritable');
      }
      throw new LibraryError(
        `The library catalogue ${dbPath} is damaged (${message}). It has not been changed; start a new ` +
          'catalogue to keep the damaged file aside (the recordings in media/ stay and can be re-attached).',
        'corrupt',
      );
    }
  }

  /** Sweeps unfinished import copies and lists orphans and missing files. */
  async #check(): Promise<void> {
    const tmp = path.join(this.folder, 'tmp');
    for (const name of await readdir(tmp)) {
      if (PARTIAL_COPY.test(name)) {
        await rm(path.join(tmp, name), { force: true });
        this.startup.sweptTemp++;
      }
    }
    const known = new Set(
      (this.db.prepare('SELECT path FROM media').all() as { path: string }[]).map((r) => r.path),
    );
    const onDisk = (await walk(path.join(this.folder, 'media'))).map((p) =>
      path.relative(this.folder, p).split(path.sep).join('/'),
    );
    const present = new Set(onDisk);
    this.startup.orphans = onDisk.filter((p) => !known.has(p));
    const rows = this.db
      .prepare(
        'SELECT k.id, k.tape_id, m.path FROM takes k JOIN media m ON m.sha256 = k.sha256 ORDER BY k.id',
      )
      .all() as { id: number; tape_id: number; path: string }[];
    this.startup.missing = rows
      .filter((r) => !present.has(r.path))
      .map((r) => ({ takeId: r.id, tapeId: r.tape_id, path: r.path }));
  }

  async close(): Promise<void> {
    await this.#pool.stop();
    if (this.db.isOpen) this.db.close();
  }

  // ---- Import ----

  async import(sources: readonly ImportSource[], options: ImportOptions = {}): Promise<ImportEntry[]> {
    if (options.tapeId !== undefined) this.#tapeRow(options.tapeId);
    const files: ImportSource[] = [];
    const report: ImportEntry[] = [];
    for (const source of sources) {
      const info = await stat(source.path).catch(() => null);
      const name = source.name ?? path.basename(source.path);
      if (info === null) report.push(this.#entry(name, 'failed', 'the file does not exist'));
      else if (info.isDirectory()) files.push(...(await walk(source.path)).map((p) => ({ path: p })));
      else files.push({ path: source.path, name });
    }
    const total = files.length;
    let done = 0;
    let next = 0;
    const results: ImportEntry[] = new Array<ImportEntry>(total);
    options.onProgress?.({ done, total, current: null });
    const worker = async (): Promise<void> => {
      while (next < total) {
        const index = next++;
        const file = files[index]!;
        const name = file.name ?? path.basename(file.path);
        options.onProgress?.({ done, total, current: name });
        results[index] = options.signal?.aborted
          ? this.#entry(name, 'skipped', 'import cancelled')
          : await this.#importOne(file.path, name, options);
        done++;
        options.onProgress?.({ done, total, current: null });
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.#pool.size, Math.max(1, total)) }, worker));
    return [...report, ...results];
  }

  #entry(
    name: string,
    status: ImportEntry['status'],
    reason: string | null,
    tapeId: number | null = null,
    takeId: number | null = null,
  ): ImportEntry {
    return { name, status, reason, tapeId, takeId };
  }

  async #importOne(filePath: string, name: string, options: ImportOptions): Promise<ImportEntry> {
    try {
      const sha = await hashFile(filePath);
      const existing = this.db
        .prepare(
          `SELECT t.title, k.deleted_at AS take_deleted, t.deleted_at AS tape_deleted FROM takes k
           JOIN tapes t ON t.id = k.tape_id WHERE k.sha256 = ? LIMIT 1`,
        )
        .get(sha) as { title: string; take_deleted: number | null; tape_deleted: number | null } | undefined;
      if (existing) {
        const trashed = existing.take_deleted !== null || existing.tape_deleted !== null;
        return this.#entry(
          name,
          'skipped',
          `already in the library as "${existing.title}"${trashed ? ' (in the trash)' : ''}`,
        );
      }
      const twin = this.#inFlight.get(sha);
      if (twin !== undefined) return this.#entry(name, 'skipped', `the same file as ${twin} in this import`);
      this.#inFlight.set(sha, name);
      try {
        const decoded = await this.#decode(filePath, name, options.rawAddress ?? 0x0200);
        if (options.signal?.aborted) return this.#entry(name, 'skipped', 'import cancelled');
        const stored = await storeMedia(this.folder, filePath, path.extname(name).toLowerCase());
        const ids = this.#commit(stored, name, decoded, {
          tapeId: options.tapeId ?? null,
          title: options.title ?? name.replace(/\.[^.]*$/, ''),
          origin: options.origin ?? 'imported',
          derivedFrom: null,
        });
        const warning = decoded.audio?.warnings[0];
        return this.#entry(name, 'imported', warning ?? null, ids.tapeId, ids.takeId);
      } finally {
        this.#inFlight.delete(sha);
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // The report names the file, so a reader's message that starts with the file's path or name (or the
      // name of the upload it came in as) would say it twice.
      const named = [filePath, path.basename(filePath), name].find((n) => message.startsWith(`${n}: `));
      const reason = named === undefined ? message : message.slice(named.length + 2);
      return this.#entry(name, 'failed', reason.replaceAll(filePath, name));
    }
  }

  async #decode(filePath: string, name: string, rawAddress: number): Promise<Decoded> {
    const handle = await open(filePath, 'r');
    let head: Uint8Array;
    try {
      head = new Uint8Array(4096);
      const { bytesRead } = await handle.read(head, 0, head.length, 0);
      head = head.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
    if (head.length === 0) throw new SourceError('the file is empty');
    const kind = identify(name, head);
    if (kind === 'audio') {
      const audio = await this.#pool.decode(filePath);
      const decode = {
        bytes: audio.bytes,
        confidence: audio.confidence,
        starts: audio.starts,
        ends: audio.ends,
      };
      return {
        kind,
        format: audio.container as TakeFormat,
        bytes: audio.bytes,
        confidence: audio.confidence,
        audio,
        blocks: splitBlocks(decode, audio.sampleRate),
      };
    }
    const bytes = tapeBytes(kind, await readFile(filePath), rawAddress);
    const confidence = new Uint8Array(bytes.length).fill(255);
    return {
      kind,
      format: kind,
      bytes,
      confidence,
      audio: null,
      blocks: splitBlocks({ bytes, confidence }, 1),
    };
  }

  #transaction<T>(work: () => T): T {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }

  #commit(
    stored: StoredMedia,
    name: string,
    decoded: Decoded,
    target: { tapeId: number | null; title: string; origin: Origin; derivedFrom: number[] | null },
  ): { tapeId: number; takeId: number } {
    const now = this.#now();
    return this.#transaction(() => {
      this.db
        .prepare('INSERT INTO media (sha256, path, size) VALUES (?, ?, ?) ON CONFLICT (sha256) DO NOTHING')
        .run(stored.sha256, stored.path, stored.size);
      let tapeId = target.tapeId;
      if (tapeId === null) {
        tapeId = Number(
          this.db
            .prepare('INSERT INTO tapes (title, origin, created_at, modified_at) VALUES (?, ?, ?, ?)')
            .run(target.title, target.origin, now, now).lastInsertRowid,
        );
      }
      const audio = decoded.audio;
      const errorStarts: number[] = [];
      for (let i = 0; i < decoded.confidence.length && errorStarts.length < MAX_ERROR_STARTS; i++) {
        if ((decoded.confidence[i] ?? 0) < ERROR_CONFIDENCE)
          errorStarts.push(audio ? (audio.starts[i] ?? 0) : i);
      }
      const errorCount = decoded.blocks.reduce((n, b) => n + b.errors, 0);
      const takeId = Number(
        this.db
          .prepare(
            `INSERT INTO takes (tape_id, sha256, name, format, sample_rate, channels, channel, duration, bytes,
               confidence, error_count, mark_hz, space_hz, baud, speed_deviation, summary, listing, created_at,
               derived_from, error_starts, tape_format)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            tapeId,
            stored.sha256,
            name,
            decoded.format,
            audio?.sampleRate ?? null,
            audio?.channels ?? null,
            audio?.channel ?? null,
            audio?.durationSeconds ?? null,
            decoded.bytes,
            decoded.confidence,
            errorCount,
            audio?.summary.markHz ?? null,
            audio?.summary.spaceHz ?? null,
            audio?.summary.baud ?? null,
            audio?.summary.speedDeviationPercent ?? null,
            JSON.stringify({
              warnings: audio?.warnings ?? [],
              framingErrors: audio?.summary.framingErrors ?? 0,
            }),
            textListing(decoded.bytes.subarray(0, MAX_LISTING)).text,
            now,
            target.derivedFrom === null ? null : JSON.stringify(target.derivedFrom),
            new Uint8Array(Float64Array.from(errorStarts).buffer),
            audio?.summary.tapeFormat ?? null,
          ).lastInsertRowid,
      );
      const insertBlock = this.db.prepare(
        `INSERT INTO blocks (take_id, idx, kind, offset, length, errors, start_sample, end_sample, first_error, preview)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const b of decoded.blocks) {
        insertBlock.run(
          takeId,
          b.index,
          b.kind,
          b.offset,
          b.length,
          b.errors,
          b.startSample,
          b.endSample,
          b.firstError,
          b.preview,
        );
      }
      this.#refresh(tapeId, now);
      return { tapeId, takeId };
    });
  }

  /** Recomputes a tape's summary columns and search entry (inside a transaction). */
  #refresh(tapeId: number, now: number | null = null): void {
    this.db
      .prepare(
        `UPDATE tapes SET
           take_count = (SELECT count(*) FROM takes k WHERE k.tape_id = tapes.id AND k.deleted_at IS NULL),
           error_count = coalesce(
             (SELECT k.error_count FROM takes k WHERE k.id = tapes.best_take_id AND k.deleted_at IS NULL),
             (SELECT min(k.error_count) FROM takes k WHERE k.tape_id = tapes.id AND k.deleted_at IS NULL)),
           byte_count = coalesce((SELECT max(length(k.bytes)) FROM takes k WHERE k.tape_id = tapes.id AND k.deleted_at IS NULL), 0),
           kinds = coalesce((SELECT group_concat(DISTINCT b.kind) FROM blocks b JOIN takes k ON k.id = b.take_id
                             WHERE k.tape_id = tapes.id AND k.deleted_at IS NULL), ''),
           modified_at = coalesce(?, modified_at)
         WHERE id = ?`,
      )
      .run(now, tapeId);
    this.db.prepare('DELETE FROM tape_search WHERE rowid = ?').run(tapeId);
    this.db
      .prepare(
        `INSERT INTO tape_search (rowid, title, notes, tags, listing)
         SELECT t.id, t.title, t.notes, t.tags,
                coalesce((SELECT group_concat(k.listing, char(10)) FROM takes k WHERE k.tape_id = t.id AND k.deleted_at IS NULL), '')
         FROM tapes t WHERE t.id = ? AND t.deleted_at IS NULL`,
      )
      .run(tapeId);
    indexShortWords(this.db, tapeId);
  }

  // ---- Queries ----

  list(query: ListQuery = {}): { total: number; items: TapeRow[] } {
    const where = ['t.deleted_at IS NULL'];
    const params: SQLInputValue[] = [];
    const search = query.search?.trim() ?? '';
    if (search !== '') {
      // Words of three characters or more go to the trigram index; shorter ones to the short-word index.
      const terms = search.split(/\s+/).map((term) => term.toLowerCase());
      const long = terms.filter((term) => [...term].length >= 3);
      if (long.length > 0) {
        where.push('t.id IN (SELECT rowid FROM tape_search WHERE tape_search MATCH ?)');
        params.push(long.map((term) => `"${term.replace(/"/g, '""')}"`).join(' AND '));
      }
      for (const term of terms.filter((term) => [...term].length < 3)) {
        where.push('t.id IN (SELECT tape_id FROM tape_grams WHERE gram = ?)');
        params.push(term);
      }
    }
    if (query.origin) {
      where.push('t.origin = ?');
      params.push(query.origin);
    }
    if (query.kind) {
      where.push(`(',' || t.kinds || ',') LIKE ?`);
      params.push(`%,${query.kind},%`);
    }
    if (query.errors === 'with') where.push('t.error_count > 0');
    if (query.errors === 'without') where.push('t.error_count = 0');
    const dated = query.dateOf === 'modified' ? 't.modified_at' : 't.created_at';
    if (query.from !== undefined) {
      where.push(`${dated} >= ?`);
      params.push(query.from);
    }
    if (query.to !== undefined) {
      where.push(`${dated} < ?`);
      params.push(query.to);
    }
    const order = {
      title: 't.title COLLATE NOCASE',
      created: 't.created_at',
      modified: 't.modified_at',
      errors: 'coalesce(t.error_count, -1)',
      takes: 't.take_count',
    }[query.sort ?? 'modified'];
    const direction = (query.descending ?? query.sort !== 'title') ? 'DESC' : 'ASC';
    const clause = where.join(' AND ');
    const total = num(
      (this.db.prepare(`SELECT count(*) AS n FROM tapes t WHERE ${clause}`).get(...params) as Row).n,
    );
    const rows = this.db
      .prepare(
        `SELECT t.* FROM tapes t WHERE ${clause} ORDER BY ${order} ${direction}, t.id ${direction} LIMIT ? OFFSET ?`,
      )
      .all(...params, Math.min(query.limit ?? 100, 1000), query.offset ?? 0) as Row[];
    return { total, items: rows.map((row) => this.#tapeOf(row)) };
  }

  /**
   * The tape formats the recordings of each tape were decoded in ('300 baud 8N2 (detected)'), each once, in the
   * order of the takes; a tape with none kept (no recording, or imported before formats were kept) is left out.
   */
  tapeFormats(tapeIds: readonly number[]): Map<number, string[]> {
    const formats = new Map<number, string[]>();
    if (tapeIds.length === 0) return formats;
    const rows = this.db
      .prepare(
        `SELECT tape_id, tape_format FROM takes
         WHERE tape_id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL AND tape_format IS NOT NULL
         ORDER BY tape_id, id`,
      )
      .all(JSON.stringify(tapeIds)) as Row[];
    for (const row of rows) {
      const list = formats.get(num(row.tape_id)) ?? [];
      if (!list.includes(str(row.tape_format))) list.push(str(row.tape_format));
      formats.set(num(row.tape_id), list);
    }
    return formats;
  }

  #tapeOf(row: Row): TapeRow {
    return {
      id: num(row.id),
      title: str(row.title),
      side: (row.side as 'A' | 'B' | null) ?? null,
      tags: str(row.tags),
      origin: str(row.origin) as Origin,
      createdAt: num(row.created_at),
      modifiedAt: num(row.modified_at),
      takeCount: num(row.take_count),
      errorCount: numOrNull(row.error_count),
      byteCount: num(row.byte_count),
      kinds: str(row.kinds)
        .split(',')
        .filter((k) => k !== '') as BlockKind[],
    };
  }

  #tapeRow(tapeId: number): Row {
    const row = this.db.prepare('SELECT * FROM tapes WHERE id = ? AND deleted_at IS NULL').get(tapeId) as
      Row | undefined;
    if (!row) throw new LibraryError(`There is no tape ${tapeId} in the library.`, 'not-found');
    return row;
  }

  tape(tapeId: number): TapeDetail {
    const row = this.#tapeRow(tapeId);
    const best = numOrNull(row.best_take_id);
    const takes = (
      this.db
        .prepare(
          `SELECT ${TAKE_COLUMNS} FROM takes k JOIN media m ON m.sha256 = k.sha256
           WHERE k.tape_id = ? AND k.deleted_at IS NULL ORDER BY k.id`,
        )
        .all(tapeId) as Row[]
    ).map((take) => this.#takeOf(take, best));
    return {
      ...this.#tapeOf(row),
      notes: str(row.notes),
      machine: str(row.machine),
      bestTakeId: best,
      takes,
    };
  }

  #takeOf(row: Row, best: number | null): TakeRow {
    const id = num(row.id);
    const summary = JSON.parse(str(row.summary) || '{}') as { warnings?: string[] };
    const blocks = (
      this.db.prepare('SELECT * FROM blocks WHERE take_id = ? ORDER BY idx').all(id) as Row[]
    ).map((b): BlockRow => ({
      takeId: id,
      index: num(b.idx),
      kind: str(b.kind) as BlockKind,
      offset: num(b.offset),
      length: num(b.length),
      errors: num(b.errors),
      startSample: num(b.start_sample),
      endSample: num(b.end_sample),
      firstError: numOrNull(b.first_error),
      preview: str(b.preview),
    }));
    return {
      id,
      tapeId: num(row.tape_id),
      name: str(row.name),
      format: str(row.format) as TakeFormat,
      sha256: str(row.sha256),
      size: num(row.size),
      sampleRate: numOrNull(row.sample_rate),
      channels: numOrNull(row.channels),
      channel: numOrNull(row.channel),
      durationSeconds: numOrNull(row.duration),
      byteCount: num(row.byte_count),
      errorCount: num(row.error_count),
      markHz: numOrNull(row.mark_hz),
      spaceHz: numOrNull(row.space_hz),
      baud: numOrNull(row.baud),
      speedDeviationPercent: numOrNull(row.speed_deviation),
      tapeFormat: typeof row.tape_format === 'string' ? row.tape_format : null,
      warnings: summary.warnings ?? [],
      createdAt: num(row.created_at),
      derivedFrom: row.derived_from ? (JSON.parse(str(row.derived_from)) as number[]) : null,
      best: best === id,
      present: !this.startup.missing.some((m) => m.takeId === id),
      blocks,
    };
  }

  #takeData(takeId: number): { row: Row; bytes: Uint8Array; confidence: Uint8Array } {
    const row = this.db
      .prepare(
        `SELECT k.*, m.path FROM takes k JOIN media m ON m.sha256 = k.sha256 JOIN tapes t ON t.id = k.tape_id
         WHERE k.id = ? AND k.deleted_at IS NULL AND t.deleted_at IS NULL`,
      )
      .get(takeId) as Row | undefined;
    if (!row) throw new LibraryError(`There is no take ${takeId} in the library.`, 'not-found');
    return { row, bytes: row.bytes as Uint8Array, confidence: row.confidence as Uint8Array };
  }

  /** A take's decoded bytes, its text listing and where its weak bytes are (sample or byte positions). */
  content(takeId: number): {
    name: string;
    bytes: Uint8Array;
    confidence: Uint8Array;
    errorStarts: number[];
    sampleRate: number | null;
  } {
    const { row, bytes, confidence } = this.#takeData(takeId);
    const starts = row.error_starts as Uint8Array | null;
    const errorStarts = starts ? Array.from(new Float64Array(starts.slice().buffer)) : [];
    return { name: str(row.name), bytes, confidence, errorStarts, sampleRate: numOrNull(row.sample_rate) };
  }

  /** The tape a (not trashed) take belongs to. */
  takeTape(takeId: number): number {
    return num(this.#takeData(takeId).row.tape_id);
  }

  /** The absolute path of a take's original file. */
  originalPath(takeId: number): string {
    const { row } = this.#takeData(takeId);
    return path.join(this.folder, ...str(row.path).split('/'));
  }

  // ---- Editing and the trash ----

  update(tapeId: number, patch: TapePatch): TapeDetail {
    this.#tapeRow(tapeId);
    if (patch.title !== undefined && patch.title.trim() === '')
      throw new LibraryError('A tape needs a title.');
    if (patch.bestTakeId !== undefined && patch.bestTakeId !== null) {
      const owner = this.db
        .prepare('SELECT tape_id FROM takes WHERE id = ? AND deleted_at IS NULL')
        .get(patch.bestTakeId) as Row | undefined;
      if (!owner || num(owner.tape_id) !== tapeId)
        throw new LibraryError(`Take ${patch.bestTakeId} is not a take of this tape.`);
    }
    const columns: [string, SQLInputValue][] = [];
    if (patch.title !== undefined) columns.push(['title', patch.title.trim()]);
    if (patch.side !== undefined) columns.push(['side', patch.side]);
    if (patch.notes !== undefined) columns.push(['notes', patch.notes]);
    if (patch.tags !== undefined) columns.push(['tags', patch.tags.trim()]);
    if (patch.machine !== undefined) columns.push(['machine', patch.machine]);
    if (patch.bestTakeId !== undefined) columns.push(['best_take_id', patch.bestTakeId]);
    this.#transaction(() => {
      if (columns.length > 0) {
        this.db
          .prepare(`UPDATE tapes SET ${columns.map(([c]) => `${c} = ?`).join(', ')} WHERE id = ?`)
          .run(...columns.map(([, v]) => v), tapeId);
      }
      this.#refresh(tapeId, this.#now());
    });
    return this.tape(tapeId);
  }

  /** Moves a tape or a take to the trash; `restore` undoes it until the trash is emptied. */
  trash(kind: 'tape' | 'take', id: number): void {
    this.#transaction(() => {
      if (kind === 'tape') {
        this.#tapeRow(id);
        this.db.prepare('UPDATE tapes SET deleted_at = ? WHERE id = ?').run(this.#now(), id);
        this.#refresh(id);
      } else {
        const { row } = this.#takeData(id);
        this.db.prepare('UPDATE takes SET deleted_at = ? WHERE id = ?').run(this.#now(), id);
        this.db.prepare('UPDATE tapes SET best_take_id = NULL WHERE best_take_id = ?').run(id);
        this.#refresh(num(row.tape_id), this.#now());
      }
    });
  }

  restore(kind: 'tape' | 'take', id: number): void {
    this.#transaction(() => {
      const table = kind === 'tape' ? 'tapes' : 'takes';
      const row = this.db
        .prepare(`SELECT * FROM ${table} WHERE id = ? AND deleted_at IS NOT NULL`)
        .get(id) as Row | undefined;
      if (!row) throw new LibraryError(`That ${kind} is not in the trash.`, 'not-found');
      this.db.prepare(`UPDATE ${table} SET deleted_at = NULL WHERE id = ?`).run(id);
      this.#refresh(kind === 'tape' ? id : num(row.tape_id), this.#now());
    });
  }

  trashed(): TrashItem[] {
    return (
      this.db
        .prepare(
          `SELECT 'tape' AS kind, id, title, deleted_at FROM tapes WHERE deleted_at IS NOT NULL
           UNION ALL
           SELECT 'take', k.id, t.title || ': ' || k.name, k.deleted_at FROM takes k JOIN tapes t ON t.id = k.tape_id
           WHERE k.deleted_at IS NOT NULL AND t.deleted_at IS NULL
           ORDER BY 4 DESC`,
        )
        .all() as Row[]
    ).map((r) => ({
      kind: str(r.kind) as 'tape' | 'take',
      id: num(r.id),
      title: str(r.title),
      deletedAt: num(r.deleted_at),
    }));
  }

  /** Deletes what is in the trash for good, then the original files no take uses any more. */
  async emptyTrash(): Promise<number> {
    const unused = this.#transaction(() => {
      const removed =
        Number(this.db.prepare('DELETE FROM takes WHERE deleted_at IS NOT NULL').run().changes) +
        Number(this.db.prepare('DELETE FROM tapes WHERE deleted_at IS NOT NULL').run().changes);
      const files = this.db
        .prepare('SELECT sha256, path FROM media WHERE sha256 NOT IN (SELECT sha256 FROM takes)')
        .all() as { sha256: string; path: string }[];
      this.db.prepare('DELETE FROM media WHERE sha256 NOT IN (SELECT sha256 FROM takes)').run();
      return { removed, files };
    });
    // Only files the catalogue recorded as its own; a crash here leaves orphans, reported at the next start.
    for (const file of unused.files)
      await rm(path.join(this.folder, ...file.path.split('/')), { force: true });
    return unused.removed;
  }

  /** An orphan (a file in media/ with no row): attached again as a new tape, or removed. */
  async resolveOrphan(relative: string, action: 'reattach' | 'remove'): Promise<ImportEntry | null> {
    if (!this.startup.orphans.includes(relative))
      throw new LibraryError(`${relative} is not an orphan of this library.`, 'not-found');
    const full = path.join(this.folder, ...relative.split('/'));
    let entry: ImportEntry | null = null;
    if (action === 'remove') await rm(full, { force: true });
    else {
      entry =
        (
          await this.import([{ path: full, name: path.basename(relative) }], {
            title: `Recovered ${path.basename(relative).slice(0, 12)}`,
          })
        )[0] ?? null;
      if (entry?.status === 'failed') return entry;
    }
    this.startup.orphans = this.startup.orphans.filter((p) => p !== relative);
    return entry;
  }

  // ---- Compare and merge ----

  compare(takeA: number, takeB: number): Comparison {
    const a = this.#takeData(takeA).bytes;
    const b = this.#takeData(takeB).bytes;
    const alignment = align(a, b);
    return {
      aLength: a.length,
      bLength: b.length,
      distance: alignment.distance,
      differences: differences(alignment, a, b),
    };
  }

  /** Repairs a program from several takes of one tape by vote; the result is kept as a derived take. */
  async merge(takeIds: readonly number[]): Promise<{ takeId: number; decided: number; weak: number }> {
    if (new Set(takeIds).size < 2) throw new LibraryError('Choose at least two different takes to merge.');
    const takes = takeIds.map((id) => this.#takeData(id));
    const tapeId = num(takes[0]!.row.tape_id);
    if (takes.some((t) => num(t.row.tape_id) !== tapeId))
      throw new LibraryError('Merge takes of one tape only.');
    const merged = mergeTakes(takes.map(({ bytes, confidence }) => ({ bytes, confidence })));
    const stored = await storeMedia(this.folder, merged.bytes, '.bin');
    const decoded: Decoded = {
      kind: 'raw',
      format: 'merged',
      bytes: merged.bytes,
      confidence: merged.confidence,
      audio: null,
      blocks: splitBlocks({ bytes: merged.bytes, confidence: merged.confidence }, 1),
    };
    const name = `merge of ${takes.map((t) => str(t.row.name)).join(' + ')}`;
    const { takeId } = this.#commit(stored, name, decoded, {
      tapeId,
      title: '',
      origin: 'imported',
      derivedFrom: [...takeIds],
    });
    return { takeId, decided: merged.decided, weak: merged.weak };
  }
}
