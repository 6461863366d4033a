import { describe, expect, it } from 'vitest';
import { mergeTakes, type MergeTake } from '../../../../src-main/core/library/merge.ts';
import { basicTextToBytes } from '../../../../src-main/core/modem/kcs-encoder.ts';

const PROGRAM = basicTextToBytes('10 REM MERGE\n20 FOR I=1 TO 10\n30 PRINT PEEK(530+I)\n40 NEXT I\n');
const CLEAN = 230;

/** A copy of the program as an impaired decode: edits applied from the end so indices stay valid. */
function impaired(edits: { at: number; kind: 'flip' | 'drop' | 'insert'; value?: number }[]): MergeTake {
  const bytes = Array.from(PROGRAM);
  const confidence = bytes.map(() => CLEAN);
  for (const edit of [...edits].sort((x, y) => y.at - x.at)) {
    if (edit.kind === 'flip') {
      bytes[edit.at] = bytes[edit.at]! ^ 0x10;
      confidence[edit.at] = 0;
    } else if (edit.kind === 'drop') {
      bytes.splice(edit.at, 1);
      confidence.splice(edit.at, 1);
      // The decoder regains the frame on the byte after a lost one: its framing is poor.
      if (edit.at < confidence.length) confidence[edit.at] = 20;
    } else {
      bytes.splice(edit.at, 0, edit.value ?? 0x55);
      confidence.splice(edit.at, 0, 15);
    }
  }
  return { bytes: Uint8Array.from(bytes), confidence: Uint8Array.from(confidence) };
}

describe('mergeTakes', () => {
  it('repairs two impaired takes with errors in different places into an exact copy', () => {
    const a = impaired([
      { at: 0, kind: 'insert', value: 0xff },
      { at: 7, kind: 'flip' },
      { at: 40, kind: 'flip' },
    ]);
    const b = impaired([
      { at: 20, kind: 'flip' },
      { at: 33, kind: 'drop' },
      { at: 60, kind: 'insert' },
    ]);
    for (const takes of [
      [a, b],
      [b, a],
    ]) {
      const merged = mergeTakes(takes);
      expect(Array.from(merged.bytes)).toEqual(Array.from(PROGRAM));
      expect(merged.decided).toBeGreaterThanOrEqual(6);
    }
  });

  it('follows the majority of three takes when each confidence looks alike', () => {
    const good = impaired([]);
    const wrong = impaired([]);
    wrong.bytes[12] = 0x21;
    const merged = mergeTakes([wrong, good, impaired([])]);
    expect(Array.from(merged.bytes)).toEqual(Array.from(PROGRAM));
    expect(merged.weak).toBe(0);
  });

  it('leaves a byte weak when no take read it well', () => {
    const a = impaired([{ at: 9, kind: 'flip' }]);
    const merged = mergeTakes([a, impaired([{ at: 9, kind: 'flip' }])]);
    expect(merged.weak).toBe(1);
    expect(merged.confidence[9]).toBe(0);
  });

  it('returns a single take as it is and refuses none', () => {
    const one = impaired([{ at: 3, kind: 'flip' }]);
    expect(Array.from(mergeTakes([one]).bytes)).toEqual(Array.from(one.bytes));
    expect(() => mergeTakes([])).toThrow(RangeError);
  });
});
