import path from 'node:path';
import { parseArgs } from 'node:util';
import { Library, LibraryError, ORIGINS, type Origin, type TapeRow } from '../services/library/library.ts';
import {
  LIBRARY_EXPORT_FORMATS,
  writeLibraryExport,
  type LibraryExportFormat,
} from '../services/library/library-export.ts';
import { libraryFolder } from '../services/library/library-service.ts';
import { defaultUserDataDir } from '../user-data.ts';

const USAGE = [
  'usage: superboard-lab library <subcommand> [--library DIR]',
  '  import PATH... [--tape ID] [--title TEXT] [--origin ORIGIN] [--addr HEX]',
  '                          files or folders (recursively): recordings, BASIC (.bas/.txt), 65V (.65v/.lod), raw (.bin)',
  '  list [--json] [--sort title|created|modified|errors|takes]',
  '                          every tape, with the tape formats its recordings were decoded in',
  '  search TEXT [--json]    titles, notes, tags and decoded listings',
  '  show ID [--json]        a tape, its takes and their blocks',
  `  export ID --format ${LIBRARY_EXPORT_FORMATS.join('|')} --out FILE [--take ID] [--rate HZ]`,
  'DIR defaults to the library the app uses (in its user data folder).',
].join('\n');

const date = (ms: number): string => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

/** A tape's row in `list` and `search`, with the tape formats its recordings were decoded in. */
type ListedTape = TapeRow & { tapeFormats: string[] };

function table(rows: readonly ListedTape[]): string {
  const lines = rows.map((t) =>
    [
      String(t.id).padStart(6),
      t.title.slice(0, 40).padEnd(40),
      (t.side ?? '-').padEnd(4),
      t.kinds.join(',').padEnd(12),
      String(t.takeCount).padStart(5),
      (t.errorCount === null ? '-' : String(t.errorCount)).padStart(6),
      ` ${date(t.createdAt)}`,
      ` ${t.tapeFormats.join(', ') || '-'}`,
    ].join(' '),
  );
  return [
    `${'ID'.padStart(6)} ${'TITLE'.padEnd(40)} SIDE ${'KINDS'.padEnd(12)} TAKES ERRORS  ${'CREATED'.padEnd(16)}  TAPE FORMAT`,
    ...lines,
  ].join('\n');
}

/** `superboard-lab library …`: the same Library class the app uses, on the same folder by default. */
export async function libraryCommand(argv: string[], worker: URL): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '--help' || sub === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return sub === undefined ? 2 : 0;
  }
  let parsed: ReturnType<typeof parse>;
  const parse = (args: string[]) =>
    parseArgs({
      args,
      allowPositionals: true,
      options: {
        library: { type: 'string' },
        json: { type: 'boolean' },
        sort: { type: 'string' },
        tape: { type: 'string' },
        take: { type: 'string' },
        title: { type: 'string' },
        origin: { type: 'string' },
        addr: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string', short: 'o' },
        rate: { type: 'string' },
      },
    });
  try {
    parsed = parse(rest);
  } catch (error) {
    process.stderr.write(`library: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const fail = (message: string, code = 2): number => {
    process.stderr.write(`library ${sub}: ${message}\n`);
    return code;
  };
  const folder = values.library ?? (await libraryFolder(defaultUserDataDir()));
  let library: Library;
  try {
    // A look at the list or a search skips the start-up check of the folder; the rest make it.
    library = await Library.open(folder, { workerUrl: worker, check: sub !== 'list' && sub !== 'search' });
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error), 1);
  }
  try {
    for (const orphan of library.startup.orphans)
      process.stderr.write(`library: orphan file (no catalogue row): ${orphan}\n`);
    for (const gone of library.startup.missing) {
      process.stderr.write(
        `library: take ${gone.takeId} of tape ${gone.tapeId} has lost its file ${gone.path}\n`,
      );
    }
    switch (sub) {
      case 'import': {
        if (positionals.length === 0) return fail('give one or more files or folders to import');
        if (values.origin !== undefined && !ORIGINS.includes(values.origin as Origin)) {
          return fail(`--origin is one of ${ORIGINS.join(', ')}`);
        }
        const address =
          values.addr === undefined ? 0x0200 : parseInt(values.addr.replace(/^(\$|0x)/i, ''), 16);
        if (!Number.isInteger(address) || address < 0 || address > 0xffff)
          return fail(`--addr needs a hex address, not '${values.addr}'`);
        const started = performance.now();
        const entries = await library.import(
          positionals.map((p) => ({ path: path.resolve(p) })),
          {
            ...(values.tape === undefined ? {} : { tapeId: Number(values.tape) }),
            ...(values.title === undefined ? {} : { title: values.title }),
            ...(values.origin === undefined ? {} : { origin: values.origin as Origin }),
            rawAddress: address,
            onProgress: ({ done, total }) => {
              if (process.stderr.isTTY) process.stderr.write(`\rlibrary import: ${done}/${total}`);
            },
          },
        );
        if (process.stderr.isTTY) process.stderr.write('\n');
        for (const e of entries) {
          const where = e.tapeId === null ? '' : ` -> tape ${e.tapeId}, take ${e.takeId}`;
          process.stdout.write(`${e.status.padEnd(8)} ${e.name}${where}${e.reason ? `: ${e.reason}` : ''}\n`);
        }
        const count = (status: string): number => entries.filter((e) => e.status === status).length;
        process.stderr.write(
          `library import: ${count('imported')} imported, ${count('skipped')} skipped, ${count('failed')} failed ` +
            `in ${((performance.now() - started) / 1000).toFixed(1)} s (library ${library.folder})\n`,
        );
        return count('failed') > 0 ? 1 : 0;
      }
      case 'list':
      case 'search': {
        const search = sub === 'search' ? positionals.join(' ') : undefined;
        if (sub === 'search' && !search) return fail('give the text to search for');
        const sort = values.sort as 'title' | 'created' | 'modified' | 'errors' | 'takes' | undefined;
        if (sort !== undefined && !['title', 'created', 'modified', 'errors', 'takes'].includes(sort)) {
          return fail(`unknown --sort '${sort}'`);
        }
        const items: TapeRow[] = [];
        let total = 0;
        do {
          const page = library.list({
            ...(search ? { search } : {}),
            ...(sort ? { sort } : {}),
            offset: items.length,
            limit: 1000,
          });
          total = page.total;
          items.push(...page.items);
          if (page.items.length === 0) break;
        } while (items.length < total);
        const formats = library.tapeFormats(items.map((t) => t.id));
        const listed = items.map((t) => ({ ...t, tapeFormats: formats.get(t.id) ?? [] }));
        process.stdout.write(values.json ? `${JSON.stringify(listed, null, 2)}\n` : `${table(listed)}\n`);
        return 0;
      }
      case 'show': {
        const tape = library.tape(Number(positionals[0]));
        if (values.json) {
          process.stdout.write(`${JSON.stringify(tape, null, 2)}\n`);
          return 0;
        }
        process.stdout.write(
          `${tape.title}${tape.side ? ` (side ${tape.side})` : ''} · ${tape.origin} · tags: ${tape.tags || '-'}\n`,
        );
        if (tape.notes) process.stdout.write(`${tape.notes}\n`);
        for (const take of tape.takes) {
          process.stdout.write(
            `\ntake ${take.id}${take.best ? ' (best)' : ''}: ${take.name} · ${take.format}` +
              `${take.sampleRate === null ? '' : ` · ${take.tapeFormat ?? 'tape format —'}`} · ${take.byteCount} bytes · ` +
              `${take.errorCount} weak · sha256 ${take.sha256.slice(0, 16)}…${take.present ? '' : ' · FILE MISSING'}\n`,
          );
          for (const b of take.blocks) {
            process.stdout.write(
              `  #${b.index + 1} ${b.kind.padEnd(5)} ${String(b.length).padStart(6)} bytes ${String(b.errors).padStart(4)} errors ` +
                `samples ${b.startSample}-${b.endSample}  ${b.preview}\n`,
            );
          }
        }
        return 0;
      }
      case 'export': {
        const format = values.format as LibraryExportFormat | undefined;
        if (!format || !LIBRARY_EXPORT_FORMATS.includes(format)) {
          return fail(`--format is one of ${LIBRARY_EXPORT_FORMATS.join(', ')}`);
        }
        if (!values.out) return fail('--out FILE is needed');
        const tape = library.tape(Number(positionals[0]));
        const take =
          values.take !== undefined
            ? tape.takes.find((t) => t.id === Number(values.take))
            : (tape.takes.find((t) => t.best) ??
              [...tape.takes].sort((a, b) => a.errorCount - b.errorCount)[0]);
        if (!take)
          return fail(
            values.take === undefined
              ? 'that tape has no takes'
              : `tape ${tape.id} has no take ${values.take}`,
            1,
          );
        const rate = values.rate === undefined ? undefined : Number(values.rate);
        const bytes = await writeLibraryExport(
          library,
          take.id,
          format,
          path.resolve(values.out),
          rate === undefined ? {} : { rate },
        );
        process.stderr.write(
          `library export: take ${take.id} of "${tape.title}" as ${format} -> ${values.out} (${bytes} bytes)\n`,
        );
        return 0;
      }
      default:
        process.stderr.write(`library: unknown subcommand '${sub}'\n${USAGE}\n`);
        return 2;
    }
  } catch (error) {
    if (error instanceof LibraryError) return fail(error.message, 1);
    throw error;
  } finally {
    await library.close();
  }
}
