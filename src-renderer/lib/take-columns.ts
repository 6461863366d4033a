import type { LibraryTake } from '../../src-main/ipc/contract.ts';

/** What a take's cell shows, and the tooltip that says what it means. */
export interface TakeCell {
  text: string;
  title: string;
}

type Take = Pick<
  LibraryTake,
  | 'format'
  | 'derivedFrom'
  | 'sampleRate'
  | 'channels'
  | 'durationSeconds'
  | 'tapeFormat'
  | 'baud'
  | 'speedDeviationPercent'
>;

const FILE_NAMES: Record<Exclude<LibraryTake['format'], 'merged'>, string> = {
  wav: 'WAV',
  flac: 'FLAC',
  'ogg-flac': 'Ogg FLAC',
  'ogg-vorbis': 'Ogg Vorbis',
  mp3: 'MP3',
  basic: 'BASIC text',
  '65v': '65V text',
  raw: 'raw bytes',
};

/** The File column: the kind of file the take was imported from, or the takes a merged take was made of. */
export function takeFile(take: Take): TakeCell {
  if (take.format === 'merged') {
    const sources = take.derivedFrom ?? [];
    return {
      text: `merged of ${sources.join('+')}`,
      title: `No file: made by a vote per byte of takes ${sources.join(', ')}`,
    };
  }
  const name = FILE_NAMES[take.format];
  const channels = take.channels === 1 ? ', mono' : take.channels === 2 ? ', stereo' : '';
  return { text: name, title: `Imported from a ${name} file${channels}` };
}

/**
 * The Tape format column: the format the recording was decoded in, as the Waveform area's Format says it, split
 * into the format and its note in brackets ('300 baud 8N2', '(detected)') so a narrow column can wrap between.
 */
export function takeTapeFormat(take: Take): TakeCell & { main: string; note: string } {
  if (take.sampleRate === null) {
    return { text: '–', main: '–', note: '', title: 'Not a recording: no tape format' };
  }
  if (take.tapeFormat === null) {
    return {
      text: '—',
      main: '—',
      note: '',
      title: 'Not kept: this take was imported before the library kept tape formats',
    };
  }
  const bracket = take.tapeFormat.indexOf(' (');
  return {
    text: take.tapeFormat,
    main: bracket < 0 ? take.tapeFormat : take.tapeFormat.slice(0, bracket),
    note: bracket < 0 ? '' : take.tapeFormat.slice(bracket + 1),
    title: `The tape format the recording was decoded in${take.baud === null ? '' : `; measured ${take.baud.toFixed(1)} baud`}`,
  };
}

/** The tape's speed against the nominal baud rate, signed: 'speed +1.2%'; '' when not measured. */
export function takeSpeed(take: Take): string {
  if (take.speedDeviationPercent === null) return '';
  const percent = Number(take.speedDeviationPercent.toFixed(1));
  return `speed ${percent >= 0 ? '+' : '-'}${Math.abs(percent).toFixed(1)}%`;
}

/** The Recording column: sample rate, length and speed of a recording; empty for a take that is not one. */
export function takeRecording(take: Take): TakeCell & { parts: string[] } {
  if (take.sampleRate === null) return { text: '', parts: [], title: '' };
  const parts = [`${take.sampleRate} Hz`];
  if (take.durationSeconds !== null) parts.push(`${take.durationSeconds.toFixed(1)} s`);
  const speed = takeSpeed(take);
  if (speed) parts.push(speed);
  return {
    text: parts.join(' · '),
    parts,
    title: 'Sample rate and length of the recording, and the tape speed against its nominal baud rate',
  };
}

/** One line on a take for the heading of its blocks: file, tape format and recording. */
export function takeSummary(take: Take): string {
  const format = take.sampleRate === null ? '' : takeTapeFormat(take).text;
  return [takeFile(take).text, format === '—' ? 'tape format —' : format, takeRecording(take).text]
    .filter((part) => part !== '')
    .join(' · ');
}
