/**
 * The programs that make a real Superboard send a range of its memory out of the cassette port, one byte per
 * ACIA frame, so the app can record and decode it raw (superboard-facts.md, "Capturing ROMs from hardware"):
 * a short BASIC loop of our own (wait for TDRE, then POKE the data register with the PEEKed byte) and the
 * same loop in machine code for boards without BASIC, as 65V monitor text that loads with `L` and starts
 * itself.
 */
import { assemble, formatError } from '../cpu/assembler/assembler.ts';
import { build65v } from '../formats/osi65v.ts';
import { basicTextToBytes } from '../modem/kcs-encoder.ts';

/** An inclusive address range to capture. */
export interface CaptureRange {
  start: number;
  end: number;
}

export type NamedRange = 'monitor' | 'basic';

export const CAPTURE_RANGES: Readonly<Record<NamedRange, CaptureRange>> = {
  monitor: { start: 0xf800, end: 0xffff },
  basic: { start: 0xa000, end: 0xbfff },
};

export type DumpProgramKind = 'basic' | '65v';

/** The ACIA's registers: status (TDRE is bit 1) and data. */
const ACIA_STATUS = 0xf000;
const ACIA_DATA = 0xf001;
const TDRE = 0x02;
/** Where the machine-code dumper loads: the first free page above the monitor's variables. */
export const DUMPER_ORIGIN = 0x0300;

export const rangeLength = (range: CaptureRange): number => range.end - range.start + 1;

export const hex4 = (value: number): string => `$${value.toString(16).toUpperCase().padStart(4, '0')}`;

export const describeRange = (range: CaptureRange): string =>
  `${hex4(range.start)}-${hex4(range.end)} (${rangeLength(range)} bytes)`;

/** `monitor`, `basic` or `START-END` in hex (`F800-FFFF`, `$A000-$A7FF`); a string says what is wrong. */
export function parseCaptureRange(text: string): CaptureRange | string {
  const named = CAPTURE_RANGES[text.trim().toLowerCase() as NamedRange] as CaptureRange | undefined;
  if (named) return { ...named };
  const match = /^\s*\$?([0-9a-f]{1,4})\s*-\s*\$?([0-9a-f]{1,4})\s*$/i.exec(text);
  if (!match) return `'${text}' is not a range: use monitor, basic or START-END in hex (F800-FFFF)`;
  const start = parseInt(match[1] as string, 16);
  const end = parseInt(match[2] as string, 16);
  if (end < start) return `the range ${text} ends before it starts`;
  return { start, end };
}

/** The range's name when it is exactly a ROM the emulator can install. */
export function romKindOf(range: CaptureRange): NamedRange | null {
  for (const kind of ['monitor', 'basic'] as const) {
    const rom = CAPTURE_RANGES[kind];
    if (rom.start === range.start && rom.end === range.end) return kind;
  }
  return null;
}

/** Our BASIC dumper as a listing (lines end in `\n`): type it in or LOAD it, then RUN. */
export function basicDumpProgram(range: CaptureRange): string {
  return [
    `10 FOR A=${range.start} TO ${range.end}`,
    `20 WAIT ${ACIA_STATUS},${TDRE}:POKE ${ACIA_DATA},PEEK(A)`,
    '30 NEXT',
    '',
  ].join('\n');
}

/**
 * The same loop in machine code: the read address lives in the LDA's own operand (no zero page, so it
 * cannot disturb any monitor) and a 16-bit count ends it; then it waits in a loop for RESET.
 */
export function machineCodeDumperSource(range: CaptureRange, origin = DUMPER_ORIGIN): string {
  const count = rangeLength(range);
  return `
      .org ${hex4(origin)}
    wait:
      lda ${hex4(ACIA_STATUS)}
      and #${TDRE}
      beq wait
    read:
      lda ${hex4(range.start)}
      sta ${hex4(ACIA_DATA)}
      inc read+1
      bne count_down
      inc read+2
    count_down:
      lda count
      bne low
      dec count+1
    low:
      dec count
      lda count
      ora count+1
      bne wait
    done:
      jmp done
    count:
      .word ${count & 0xffff}
  `;
}

/** The machine-code dumper's bytes, assembled by our assembler. */
export function machineCodeDumper(range: CaptureRange, origin = DUMPER_ORIGIN): Uint8Array {
  const result = assemble(machineCodeDumperSource(range, origin), { fileName: 'rom-dumper.asm' });
  if (!result.ok) throw new Error(result.errors.map(formatError).join('\n'));
  return result.image;
}

/** The dumper as 65V monitor text (CR line ends) that runs itself once loaded. */
export function machineCodeDumpTape(range: CaptureRange, origin = DUMPER_ORIGIN): string {
  return build65v({ address: origin, bytes: machineCodeDumper(range, origin) }, { run: origin });
}

/** The program as text to show and copy: the BASIC listing, or the 65V text with one byte a line. */
export function dumpProgramText(kind: DumpProgramKind, range: CaptureRange): string {
  return kind === 'basic' ? basicDumpProgram(range) : machineCodeDumpTape(range).replace(/\r/g, '\n');
}

/** The bytes to play to the board for its LOAD (BASIC: CR and NULs after each line) or its `L` (65V). */
export function dumpProgramTape(kind: DumpProgramKind, range: CaptureRange, nulls = 10): Uint8Array {
  if (kind === 'basic') return basicTextToBytes(basicDumpProgram(range), { nulls });
  return Uint8Array.from(machineCodeDumpTape(range), (c) => c.charCodeAt(0));
}
