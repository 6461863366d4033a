// The real tape worker, plus one way to hang it: looking for an error from sample 4242 spins forever
// before the reply goes out. For the tape service's deadline tests.
import '../../src-main/services/tapes/tape-worker.ts';

process.on('message', (query: { op?: string; from?: number }) => {
  if (query.op === 'findError' && query.from === 4242) for (;;);
});
