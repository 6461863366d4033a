// Child process for the library crash test: imports the files named on the command line one at a time and
// prints "committed TAPE TAKE SHA256" after each import returns, until it is killed.
import { Library } from '../../src-main/services/library/library.ts';
import { LIBRARY_WORKER } from './library.ts';

const [folder, ...files] = process.argv.slice(2);
if (folder === undefined) throw new Error('usage: library-crash-child FOLDER FILE...');
const library = await Library.open(folder, { workerUrl: LIBRARY_WORKER, workers: 1 });
process.stdout.write('ready\n');
for (const file of files) {
  const [entry] = await library.import([{ path: file }]);
  if (entry?.status === 'imported') {
    const take = library.tape(entry.tapeId!).takes.find((t) => t.id === entry.takeId)!;
    process.stdout.write(`committed ${entry.tapeId} ${entry.takeId} ${take.sha256}\n`);
  }
}
await library.close();
process.stdout.write('finished\n');
