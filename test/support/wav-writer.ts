// A tiny 16-bit mono PCM WAV writer for handing synthetic tapes to external tools such as minimodem.

import { writeFileSync } from 'node:fs';

export function wavBytes(samples: Float32Array, sampleRate: number): Uint8Array {
  const dataBytes = samples.length * 2;
  const out = new Uint8Array(44 + dataBytes);
  const view = new DataView(out.buffer);
  const ascii = (at: number, text: string): void => {
    for (let i = 0; i < text.length; i++) out[at + i] = text.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);
  for (let i = 0; i < samples.length; i++) {
    const v = Math.round((samples[i] ?? 0) * 32767);
    view.setInt16(44 + i * 2, v > 32767 ? 32767 : v < -32768 ? -32768 : v, true);
  }
  return out;
}

export function writeWav(path: string, samples: Float32Array, sampleRate: number): void {
  writeFileSync(path, wavBytes(samples, sampleRate));
}
