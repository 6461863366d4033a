// A recording the app was making when it was killed: on the next start the journal repairs the WAV up to its
// last flushed block and the Recorder's service keeps it as a line-in take, then removes its own file. A
// recording the app did not make (the command line's, elsewhere) is repaired but left where it is.
import { mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeKcs } from '../../src-main/core/modem/kcs-encoder.ts';
import { EventHub } from '../../src-main/ipc/event-hub.ts';
import { AppServices } from '../../src-main/services/app-services.ts';
import { WavRecording } from '../../src-main/services/audio/wav-recording.ts';
import { tempDir } from '../support/temp-dir.ts';

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

/** A recording left as a kill leaves it: audio flushed to disk, the header's sizes still placeholders. */
async function interrupted(file: string, journalDir: string, bytes: Uint8Array): Promise<void> {
  const recording = await WavRecording.create(file, 44100, journalDir);
  recording.write(encodeKcs(bytes, { sampleRate: 44100, leaderSeconds: 0.5, trailerSeconds: 0.5 }));
  recording.flush();
}

describe('recordings interrupted by a kill', () => {
  it('become line-in takes on the next start; a file the app did not make stays where it is', async () => {
    const { dir, remove } = await tempDir();
    cleanup.push(remove);
    const journal = path.join(dir, 'recordings-in-progress');
    await mkdir(path.join(dir, 'recordings'), { recursive: true });
    const ours = path.join(dir, 'recordings', 'line-in-20261202-101500.wav');
    const theirs = path.join(dir, 'cli-take.wav');
    await interrupted(ours, journal, new TextEncoder().encode('10 PRINT "KEPT"\r'));
    await interrupted(theirs, journal, new TextEncoder().encode('OTHER'));

    const services = new AppServices(
      { host: 'browser', version: '0.0.0-test', electron: null, userDataDir: dir },
      new EventHub(),
    );
    await services.start();
    cleanup.push(() => services.stop());

    const library = services.library.library!;
    const tapes = library.list({ origin: 'line-in' });
    expect(tapes.total).toBe(1);
    expect(tapes.items[0]?.title).toMatch(/^Line-in \(recovered\) /);
    const take = library.tape(tapes.items[0]!.id).takes[0]!;
    expect(new TextDecoder().decode(library.content(take.id).bytes)).toBe('10 PRINT "KEPT"\r');
    expect(await readdir(path.join(dir, 'recordings'))).toEqual([]);
    // Not ours: repaired by the journal (its header now gives its length), not moved or deleted.
    expect((await stat(theirs)).size).toBeGreaterThan(44);
    expect(library.list({}).total).toBe(1);
    expect(await readdir(journal)).toEqual([]);
  });
});
