// The app's side of the sound card: the contract's audio section over the audio service. Device choices are
// remembered in the settings; the monitored input's level goes out as audio.level events.
import { devicesFor } from '../../core/audio/devices.ts';
import { levelWarning } from '../../core/audio/level-meter.ts';
import type { audioRequests } from '../../ipc/contract.ts';
import { ServiceError, type SectionHandlers } from '../../ipc/dispatch.ts';
import type { EventHub } from '../../ipc/event-hub.ts';
import type { SettingsStore } from '../settings-store.ts';
import type { AudioService } from './audio-service.ts';

export function audioHandlers(
  audio: AudioService,
  settings: SettingsStore,
  events: EventHub,
): SectionHandlers<typeof audioRequests> {
  let monitoring: string | null = null;
  audio.on((event) => {
    if (monitoring === null) return;
    if (event.kind === 'capture') {
      const { level, carrier } = event.update;
      events.emit('audio.level', { ...level, warning: levelWarning(level), carrier, ended: null });
    } else if (event.kind === 'captureEnded') {
      monitoring = null;
      events.emit('audio.level', {
        peak: 0,
        rms: 0,
        clipped: 0,
        warning: null,
        carrier: false,
        ended: event.summary.error ?? 'stopped',
      });
    }
  });
  const failed = (error: unknown): ServiceError =>
    new ServiceError('failed', error instanceof Error ? error.message : String(error));
  return {
    'audio.devices': async () => {
      try {
        const devices = await audio.devices();
        const view = (direction: 'input' | 'output') =>
          devicesFor(devices, direction).map((d) => ({
            name: d.name,
            channels: direction === 'input' ? d.inputChannels : d.outputChannels,
            sampleRates: [...d.sampleRates],
            preferredSampleRate: d.preferredSampleRate,
            isDefault: direction === 'input' ? d.isDefaultInput : d.isDefaultOutput,
          }));
        const inputs = view('input');
        const outputs = view('output');
        const problem =
          devices.length === 0 ? 'No sound devices were found: is PulseAudio (or ALSA) running?' : null;
        return { inputs, outputs, problem };
      } catch (error) {
        return { inputs: [], outputs: [], problem: failed(error).message };
      }
    },
    'audio.monitor': async ({ action, device }) => {
      if (action === 'stop') {
        if (monitoring !== null) await audio.captureStop();
        monitoring = null;
        return { device: null, sampleRate: null };
      }
      if (monitoring !== null) await audio.captureStop();
      const name = device ?? settings.get().audio.input ?? '';
      try {
        const { sampleRate } = await audio.capture({ device: name });
        monitoring = name;
        await settings.update({ audio: { input: name || null } });
        return { device: name, sampleRate };
      } catch (error) {
        throw failed(error);
      }
    },
    'audio.testTone': async ({ device, seconds }) => {
      try {
        const { sampleRate } = await audio.play({
          device,
          source: { kind: 'bytes', bytes: new Uint8Array(0), leaderSeconds: seconds, trailerSeconds: 0 },
        });
        await settings.update({ audio: { output: device || null } });
        return { device, sampleRate };
      } catch (error) {
        throw failed(error);
      }
    },
  };
}
