import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { unpackedUrl } from '../../../src-main/app/asar.ts';
import { REPO } from '../../support/web-host-process.ts';

/** The top-level keys of electron-builder.yml we check: scalars, lists of scalars and maps of scalars. */
function readBuilderConfig(): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  let key = '';
  for (const line of readFileSync(path.join(REPO, 'electron-builder.yml'), 'utf8').split('\n')) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const top = /^(\w+):\s*(.*)$/.exec(line);
    const item = /^\s+-\s+(.+)$/.exec(line);
    const field = /^\s+(\w+):\s*(.+)$/.exec(line);
    const scalar = (text: string): unknown => (text === 'true' ? true : text === 'false' ? false : text);
    if (top) {
      key = top[1]!;
      config[key] = top[2] === '' ? undefined : scalar(top[2]!);
    } else if (item) {
      config[key] = [...((config[key] as unknown[] | undefined) ?? []), scalar(item[1]!)];
    } else if (field) {
      config[key] = { ...(config[key] as object | undefined), [field[1]!]: scalar(field[2]!) };
    }
  }
  return config;
}

/** A built file and, recursively, every file of ours it imports. */
function importsOf(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const [, specifier] of text.matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)) {
    importsOf(path.resolve(path.dirname(file), specifier!), seen);
  }
  return seen;
}

const built = path.join(REPO, 'out/main');

describe('packaging', () => {
  const config = readBuilderConfig();

  it('packs the app into an asar archive and sets the security fuses', () => {
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it.skipIf(!existsSync(built))(
    'unpacks every file a worker loads, and nothing the main script alone needs',
    () => {
      const unpack = config.asarUnpack as string[];
      const unpacked = (file: string): boolean =>
        unpack.some((glob) => path.matchesGlob(path.relative(REPO, file).split(path.sep).join('/'), glob));
      const workers = readdirSync(built).filter((name) => name.endsWith('-worker.js'));
      expect(workers.sort()).toEqual([
        'audio-worker.js',
        'decode-worker.js',
        'emulator-worker.js',
        'farm-worker.js',
        'library-worker.js',
        'tape-worker.js',
      ]);
      for (const worker of workers) {
        for (const file of importsOf(path.join(built, worker))) {
          expect(existsSync(file), file).toBe(true);
          expect(unpacked(file), `${path.relative(REPO, file)} is not unpacked`).toBe(true);
        }
      }
      // The audio worker loads audify beside itself; audify loads its addon through bindings, which needs
      // file-uri-to-path. The packages' JS and the addon must all be plain files.
      const audify = readFileSync(path.join(built, 'audio-worker.js'), 'utf8');
      expect(audify).toMatch(/createRequire\(import\.meta\.url\)\("audify"\)/);
      for (const file of [
        'node_modules/audify/index.js',
        'node_modules/audify/build/Release/audify.node',
        'node_modules/bindings/bindings.js',
        'node_modules/file-uri-to-path/index.js',
      ])
        expect(unpacked(path.join(REPO, file)), `${file} is not unpacked`).toBe(true);
      const scope = path.join(built, 'package.json');
      expect(JSON.parse(readFileSync(scope, 'utf8'))).toEqual({ type: 'module' });
      expect(unpacked(scope)).toBe(true);
      for (const main of ['index.js', 'web.js', 'cli.js'])
        expect(unpacked(path.join(built, main))).toBe(false);
    },
  );

  it('starts workers from app.asar.unpacked in the packaged app, and from where they are otherwise', () => {
    const packaged = new URL('file:///opt/Superboard%20Lab/resources/app.asar/out/main/emulator-worker.js');
    expect(unpackedUrl(packaged).href).toBe(
      'file:///opt/Superboard%20Lab/resources/app.asar.unpacked/out/main/emulator-worker.js',
    );
    const windows = new URL(
      'file:///C:/Program%20Files/Superboard/resources/app.asar/out/main/tape-worker.js',
    );
    expect(unpackedUrl(windows).pathname).toBe(
      '/C:/Program%20Files/Superboard/resources/app.asar.unpacked/out/main/tape-worker.js',
    );
    const development = new URL('file:///work/repo/out/main/tape-worker.js');
    expect(unpackedUrl(development).href).toBe(development.href);
  });
});
