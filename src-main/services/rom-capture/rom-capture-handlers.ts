// The app's ROM capture wizard, main side: the contract's romCapture section over the capture session. The
// result is checked against the known dumps, our Lab Monitor and the ROMs installed in the emulator, and the
// captured bytes are registered as an opened file, so the renderer installs them through `machine.setRoms`
// like any ROM file the user picked.
import { writeFile } from 'node:fs/promises';
import { checkCapture, type CaptureCheck, type ReferenceRom } from '../../core/rom-capture/capture-check.ts';
import { romKindOf, type CaptureRange } from '../../core/rom-capture/dump-programs.ts';
import type { EventPayload, romCaptureRequests } from '../../ipc/contract.ts';
import { ServiceError, type SectionHandlers } from '../../ipc/dispatch.ts';
import type { EventHub } from '../../ipc/event-hub.ts';
import type { AudioService } from '../audio/audio-service.ts';
import type { FileRegistry } from '../file-registry.ts';
import type { TempFolder } from '../temp-folder.ts';
import { captureReferences, type UserImage } from './references.ts';
import { RomCapture, sendDumpProgram, type RomCaptureOutcome } from './rom-capture-session.ts';

export interface RomCaptureDeps {
  audio: AudioService;
  events: EventHub;
  files: FileRegistry;
  temp: TempFolder;
  labMonitor: () => Promise<Uint8Array>;
  /** The ROM images the emulator runs now (none without an emulator). */
  installed: () => Promise<UserImage[]>;
}

/** Differing runs shown side by side, and how many bytes of each. */
const SHOWN_RUNS = 16;
const SHOWN_BYTES = 16;

const hexBytes = (bytes: Uint8Array): string =>
  [...bytes].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');

function differences(
  check: CaptureCheck,
  bytes: Uint8Array,
  references: readonly ReferenceRom[],
): EventPayload<'romCapture.result'>['differences'] {
  const theirs = references.find((r) => r.name === check.diff?.against)?.bytes;
  if (!check.diff || !theirs) return [];
  return check.diff.runs.slice(0, SHOWN_RUNS).map((run) => {
    const from = run.address - check.range.start;
    const to = from + Math.min(run.length, SHOWN_BYTES);
    return {
      address: run.address,
      ours: hexBytes(bytes.subarray(from, to)),
      theirs: hexBytes(theirs.subarray(from, to)),
    };
  });
}

export function romCaptureHandlers(deps: RomCaptureDeps): SectionHandlers<typeof romCaptureRequests> {
  const { audio, events } = deps;
  let capture: RomCapture | null = null;
  let sendingOnly = false;

  const idle = (expected = 0): void =>
    events.emit('romCapture.progress', {
      state: 'idle',
      received: 0,
      expected,
      framingErrors: 0,
      seconds: 0,
      carrier: false,
      sending: null,
    });

  audio.on((event) => {
    if (!sendingOnly) return;
    if (event.kind === 'playProgress') {
      events.emit('romCapture.progress', {
        state: 'sending',
        received: 0,
        expected: 0,
        framingErrors: 0,
        seconds: 0,
        carrier: false,
        sending: { position: event.progress.position, total: event.progress.total ?? 0 },
      });
    } else if (event.kind === 'playEnded') {
      sendingOnly = false;
      idle();
    }
  });

  async function finish(range: CaptureRange, outcome: RomCaptureOutcome): Promise<void> {
    const bytes = Uint8Array.from(outcome.bytes, (b) => b.value);
    const references = captureReferences(range, await deps.labMonitor(), await deps.installed());
    const check = checkCapture(outcome.bytes, range, references);
    const kind = romKindOf(range);
    let file = null;
    if (bytes.length > 0) {
      const name = `captured-${kind ?? 'memory'}-${check.sha1.slice(0, 8)}.bin`;
      const path = deps.temp.file('capture', name);
      await writeFile(path, bytes, { flag: 'wx' });
      file = await deps.files.register(path, name);
    }
    const error = [outcome.summary.error, outcome.sendError].filter((e) => e !== undefined).join('; ');
    events.emit('romCapture.result', {
      check,
      bytes: Buffer.from(bytes).toString('base64'),
      file,
      installable: kind !== null && bytes.length === check.expected ? kind : null,
      differences: differences(check, bytes, references),
      error: error === '' ? null : error,
    });
  }

  const failed = (error: unknown): ServiceError =>
    new ServiceError('failed', error instanceof Error ? error.message : String(error));

  return {
    'romCapture.send': async ({ range, kind, device }) => {
      if (capture) throw new ServiceError('bad-request', 'A ROM capture is running; stop it first.');
      try {
        const { total } = await sendDumpProgram(audio, { kind, device }, range);
        sendingOnly = true;
        return { seconds: total };
      } catch (error) {
        throw failed(error);
      }
    },
    'romCapture.start': async ({ range, device, send }) => {
      if (capture) throw new ServiceError('bad-request', 'A ROM capture is already running.');
      try {
        const started = await RomCapture.start(
          audio,
          { range, device, ...(send ? { send } : {}) },
          (progress) => events.emit('romCapture.progress', progress),
        );
        capture = started;
        void started.ended
          .then((outcome) => finish(range, outcome))
          .catch((error: unknown) => events.emit('romCapture.result', failedResult(range, error)))
          .finally(() => {
            capture = null;
            idle(started.expected);
          });
        return { expected: started.expected, sampleRate: started.sampleRate };
      } catch (error) {
        throw failed(error);
      }
    },
    'romCapture.stop': async () => {
      if (capture) await capture.stop();
      else if (sendingOnly) await audio.playControl('stop').catch(() => {});
      return {};
    },
  };
}

function failedResult(range: CaptureRange, error: unknown): EventPayload<'romCapture.result'> {
  return {
    check: checkCapture([], range, []),
    bytes: '',
    file: null,
    installable: null,
    differences: [],
    error: error instanceof Error ? error.message : String(error),
  };
}
