// The operations the kill -9 fault tests interrupt, each run in a child process by fault-harness.ts:
//   settings DIR        settings changes, one after another, for ever
//   upload DIR          uploads of a few MB, arriving in small pieces, for ever
//   tape DIR FILE       opens FILE as a tape, waits for its analysis, exports it, then waits
// Each prints `ready`, then `begin`/`commit` lines as fault-harness.ts describes.
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { EventHub } from '../../src-main/ipc/event-hub.ts';
import { AppServices } from '../../src-main/services/app-services.ts';

const [operation, userDataDir, file] = process.argv.slice(2);
if (!operation || !userDataDir) throw new Error('usage: fault-child.ts OPERATION DIR [FILE]');

const events = new EventHub();
const services = new AppServices(
  {
    host: 'browser',
    version: 'fault-test',
    electron: null,
    userDataDir,
    tapeWorker: pathToFileURL(
      path.resolve(import.meta.dirname, '../../src-main/services/tapes/tape-worker.ts'),
    ),
  },
  events,
);
await services.start();
const say = (line: string): void => void process.stdout.write(`${line}\n`);
say('ready');

if (operation === 'settings') {
  // Each change writes a column split of its own (0.1501, 0.1502, ...), printed as its text.
  for (let n = 1; ; n++) {
    const columnSplit = (1501 + (n % 7000)) / 10_000;
    say(`begin ${columnSplit}`);
    await services.settings.update({ layout: { columnSplit } });
    say(`commit ${columnSplit}`);
  }
} else if (operation === 'upload') {
  for (let n = 1; ; n++) {
    const chunks = (function* () {
      for (let i = 0; i < 64; i++) yield new Uint8Array(64 * 1024).fill(n & 0xff);
    })();
    say(`begin ${n}`);
    const ref = await services.files.storeUpload(`upload-${n}.wav`, Readable.from(chunks), 8 * 1024 * 1024);
    say(`commit ${ref.fileId} ${ref.size}`);
  }
} else if (operation === 'tape' && file) {
  const ref = await services.files.register(file);
  say('begin open');
  const tape = await services.tapes.open(ref.fileId);
  say('commit open');
  await new Promise<void>((resolve) =>
    events.subscribe((name) => {
      if (name === 'tape.analyzed') resolve();
    }),
  );
  say('commit analysed');
  await services.tapes.handlers()['tape.export']({ tapeId: tape.tapeId, kind: 'wav' }, { host: 'browser' });
  say('commit exported');
  setInterval(() => {}, 60_000);
} else {
  throw new Error(`unknown operation ${operation}`);
}
