import { describe, expect, it } from 'vitest';
import {
  takeFile,
  takeRecording,
  takeSpeed,
  takeSummary,
  takeTapeFormat,
} from '../../../src-renderer/lib/take-columns.ts';

const recording = {
  format: 'wav' as const,
  derivedFrom: null,
  sampleRate: 22050,
  channels: 1,
  durationSeconds: 6.14,
  tapeFormat: '300 baud 8N2 (detected)',
  baud: 299.71,
  speedDeviationPercent: -0.097,
};
const listing = {
  ...recording,
  format: 'basic' as const,
  sampleRate: null,
  channels: null,
  durationSeconds: null,
  tapeFormat: null,
  baud: null,
  speedDeviationPercent: null,
};

describe('take table cells', () => {
  it('names the file a take came from, apart from the tape format', () => {
    expect(takeFile(recording)).toEqual({ text: 'WAV', title: 'Imported from a WAV file, mono' });
    expect(takeFile({ ...recording, format: 'ogg-vorbis', channels: 2 }).text).toBe('Ogg Vorbis');
    expect(takeFile({ ...recording, format: 'ogg-vorbis', channels: 2 }).title).toContain('stereo');
    expect(takeFile(listing)).toEqual({ text: 'BASIC text', title: 'Imported from a BASIC text file' });
    expect(takeFile({ ...listing, format: '65v' }).text).toBe('65V text');
    expect(takeFile({ ...listing, format: 'raw' }).text).toBe('raw bytes');
    const merged = takeFile({ ...listing, format: 'merged', derivedFrom: [4, 18] });
    expect(merged.text).toBe('merged of 4+18');
    expect(merged.title).toContain('takes 4, 18');
  });

  it('gives the tape format, split before its bracketed note, with a dash where there is none', () => {
    const format = takeTapeFormat(recording);
    expect(format.text).toBe('300 baud 8N2 (detected)');
    expect([format.main, format.note]).toEqual(['300 baud 8N2', '(detected)']);
    expect(format.title).toContain('measured 299.7 baud');
    const plain = takeTapeFormat({ ...recording, tapeFormat: '600 baud 8N1', baud: null });
    expect([plain.main, plain.note]).toEqual(['600 baud 8N1', '']);
    expect(plain.title).not.toContain('measured');
    // A recording imported before the format was kept, and a take that is not a recording.
    expect(takeTapeFormat({ ...recording, tapeFormat: null })).toMatchObject({ text: '—', note: '' });
    expect(takeTapeFormat({ ...recording, tapeFormat: null }).title).toMatch(/^Not kept/);
    expect(takeTapeFormat(listing)).toMatchObject({ text: '–', title: 'Not a recording: no tape format' });
  });

  it('words the speed with its sign and one decimal', () => {
    expect(takeSpeed(recording)).toBe('speed -0.1%');
    expect(takeSpeed({ ...recording, speedDeviationPercent: 1.25 })).toBe('speed +1.3%');
    expect(takeSpeed({ ...recording, speedDeviationPercent: 0 })).toBe('speed +0.0%');
    // Rounded to nothing, it is no longer slow.
    expect(takeSpeed({ ...recording, speedDeviationPercent: -0.04 })).toBe('speed +0.0%');
    expect(takeSpeed(listing)).toBe('');
  });

  it('lists the recording: sample rate, length and speed', () => {
    expect(takeRecording(recording).parts).toEqual(['22050 Hz', '6.1 s', 'speed -0.1%']);
    expect(takeRecording(recording).text).toBe('22050 Hz · 6.1 s · speed -0.1%');
    expect(takeRecording({ ...recording, speedDeviationPercent: null }).text).toBe('22050 Hz · 6.1 s');
    expect(takeRecording(listing)).toEqual({ text: '', parts: [], title: '' });
  });

  it('sums a take up in one line for the heading of its blocks', () => {
    expect(takeSummary(recording)).toBe('WAV · 300 baud 8N2 (detected) · 22050 Hz · 6.1 s · speed -0.1%');
    expect(takeSummary({ ...recording, tapeFormat: null })).toBe(
      'WAV · tape format — · 22050 Hz · 6.1 s · speed -0.1%',
    );
    expect(takeSummary(listing)).toBe('BASIC text');
  });
});
