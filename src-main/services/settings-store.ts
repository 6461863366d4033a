import { constants } from 'node:fs';
import { open, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as v from 'valibot';
import {
  DEFAULT_SETTINGS,
  SettingsSchema,
  describeIssues,
  type Settings,
  type SettingsPatch,
} from '../ipc/contract.ts';
import { ServiceError } from '../ipc/dispatch.ts';
import type { TempFolder } from './temp-folder.ts';

/** Our settings files are a few hundred bytes; anything far bigger is not one. */
export const MAX_SETTINGS_BYTES = 64 * 1024;

/** Fields older versions saved that nothing uses any more: dropped quietly when a file is read. */
const REMOVED_FIELDS: Partial<Record<keyof Settings, string[]>> = { machine: ['romDir'] };

/**
 * Settings persisted as JSON in the user data folder, written atomically (a temporary file, then a rename)
 * so a crash mid-write leaves the previous file intact; memory changes only once the file is written. A
 * damaged file is kept aside, never overwritten silently; something that is not a regular file (a FIFO, a
 * folder) at its place is left alone and nothing is saved over it.
 */
export class SettingsStore {
  readonly file: string;
  readonly #temp: TempFolder;
  #current: Settings = structuredClone(DEFAULT_SETTINGS);
  #writes: Promise<unknown> = Promise.resolve();
  /** Set when the file on disk could not be used; the app runs on defaults and says why. */
  loadProblem: string | null = null;

  constructor(userDataDir: string, temp: TempFolder) {
    this.file = path.join(userDataDir, 'settings.json');
    this.#temp = temp;
  }

  async load(): Promise<Settings> {
    let read: { text: string } | { size: number } | null;
    try {
      read = await this.#read();
    } catch (error) {
      this.loadProblem =
        error instanceof ServiceError
          ? error.message
          : `Could not read ${this.file}: ${(error as Error).message}`;
      return this.get();
    }
    if (read === null) return this.get();
    if ('size' in read) {
      await this.#setAside(`is ${read.size} bytes, larger than any settings file (${MAX_SETTINGS_BYTES})`);
      return this.get();
    }
    const text = read.text;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      await this.#setAside('is not valid JSON');
      return this.get();
    }
    // Keep what is valid section by section, so one bad value does not reset everything.
    const merged = structuredClone(DEFAULT_SETTINGS);
    const problems: string[] = [];
    if (isPlainObject(json)) {
      for (const key of Object.keys(merged) as (keyof Settings)[]) {
        const section = json[key];
        if (section === undefined) continue;
        if (!isPlainObject(section)) {
          problems.push(`${key}: not an object`);
          continue;
        }
        const kept = { ...section };
        for (const field of REMOVED_FIELDS[key] ?? []) delete kept[field];
        const parsed = v.safeParse(SettingsSchema.entries[key], { ...merged[key], ...kept });
        if (parsed.success) (merged as Record<string, unknown>)[key] = parsed.output;
        else problems.push(`${key}: ${describeIssues(parsed.issues)}`);
      }
    } else {
      problems.push('not an object');
    }
    this.#current = merged;
    if (problems.length > 0) await this.#setAside(problems.join('; '));
    return this.get();
  }

  get(): Settings {
    return structuredClone(this.#current);
  }

  /**
   * Applies an already validated patch to the settings as they are once earlier updates are done, writes
   * the result, and only then makes it current. A failed write leaves both the file and memory unchanged.
   */
  async update(patch: SettingsPatch): Promise<Settings> {
    const update = this.#writes.then(async () => {
      const next = v.parse(SettingsSchema, {
        screen: { ...this.#current.screen, ...patch.screen },
        layout: { ...this.#current.layout, ...patch.layout },
        machine: { ...this.#current.machine, ...patch.machine },
      });
      await this.#write(next);
      this.#current = next;
      return this.get();
    });
    this.#writes = update.catch(() => {});
    return update;
  }

  /** The file's text; its size alone past MAX_SETTINGS_BYTES; null when there is no file. */
  async #read(): Promise<{ text: string } | { size: number } | null> {
    let handle;
    try {
      // Non-blocking, so a FIFO put here does not wait for a writer that never comes.
      handle = await open(this.file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    try {
      const info = await handle.stat();
      if (!info.isFile()) throw this.#notRegular();
      if (info.size > MAX_SETTINGS_BYTES) return { size: info.size };
      return { text: await handle.readFile('utf8') };
    } finally {
      await handle.close();
    }
  }

  async #write(settings: Settings): Promise<void> {
    const existing = await stat(this.file).catch(() => null);
    if (existing !== null && !existing.isFile()) throw this.#notRegular();
    const temp = this.#temp.file('settings', 'json');
    try {
      await writeFile(temp, `${JSON.stringify(settings, null, 2)}\n`, { encoding: 'utf8', flush: true });
      await rename(temp, this.file);
    } catch (error) {
      await this.#temp.remove(temp);
      throw new ServiceError(
        'failed',
        `Could not save the settings in ${this.file}: ${(error as Error).message}`,
      );
    }
  }

  #notRegular(): ServiceError {
    return new ServiceError(
      'failed',
      `${this.file} is not a regular file; it is left as it is, the app runs on default settings and saves none until it is moved away.`,
    );
  }

  async #setAside(reason: string): Promise<void> {
    const aside = `${this.file}.damaged-${Date.now()}`;
    this.loadProblem = `Settings file ${this.file} ${reason}; kept it as ${path.basename(aside)} and used defaults where needed.`;
    try {
      await rename(this.file, aside);
    } catch {
      // The file is left where it is; defaults are used and the next save replaces it.
    }
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
