import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as v from 'valibot';
import {
  DEFAULT_SETTINGS,
  SettingsSchema,
  describeIssues,
  type Settings,
  type SettingsPatch,
} from '../ipc/contract.ts';

/**
 * Settings persisted as JSON in the user data folder, written atomically (temp file + rename) so a crash
 * mid-write leaves the previous file intact. A damaged file is kept aside, never overwritten silently.
 */
export class SettingsStore {
  readonly file: string;
  #current: Settings = structuredClone(DEFAULT_SETTINGS);
  #writes: Promise<void> = Promise.resolve();
  /** Set when the file on disk could not be used; the app runs on defaults and says why. */
  loadProblem: string | null = null;

  constructor(userDataDir: string) {
    this.file = path.join(userDataDir, 'settings.json');
  }

  async load(): Promise<Settings> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        this.loadProblem = `Could not read ${this.file}: ${(error as Error).message}`;
      }
      return this.get();
    }
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
    if (json !== null && typeof json === 'object') {
      for (const key of Object.keys(merged) as (keyof Settings)[]) {
        const section = (json as Record<string, unknown>)[key];
        if (section === undefined) continue;
        const parsed = v.safeParse(SettingsSchema.entries[key], { ...merged[key], ...(section as object) });
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

  /** Applies an already validated patch and persists the result. */
  async update(patch: SettingsPatch): Promise<Settings> {
    const next: Settings = {
      screen: { ...this.#current.screen, ...patch.screen },
      layout: { ...this.#current.layout, ...patch.layout },
      machine: { ...this.#current.machine, ...patch.machine },
      audio: { ...this.#current.audio, ...patch.audio },
    };
    const parsed = v.parse(SettingsSchema, next);
    this.#current = parsed;
    const write = this.#writes.then(() => this.#write(parsed));
    this.#writes = write.catch(() => {});
    await write;
    return this.get();
  }

  async #write(settings: Settings): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    await writeFile(temp, `${JSON.stringify(settings, null, 2)}\n`, 'utf8');
    await rename(temp, this.file);
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
