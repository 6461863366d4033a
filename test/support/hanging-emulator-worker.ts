// The real emulator worker, plus one way to hang it: typing the text HANG spins forever before the reply
// goes out, as a runaway loop in the machine would. For the emulator service's deadline tests.
import { parentPort } from 'node:worker_threads';
import '../../src-main/services/emulator/emulator-worker.ts';

parentPort?.on('message', (request: { kind: string; text?: string }) => {
  if (request.kind === 'type' && request.text === 'HANG') for (;;);
});
