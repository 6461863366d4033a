import { assemble, formatError, type AssemblyResult } from '../../src-main/core/cpu/assembler/assembler.ts';

/** Assembles a test program with our assembler, failing the test with every error if it does not assemble. */
export function assembleOrThrow(source: string): AssemblyResult {
  const result = assemble(source);
  if (!result.ok) throw new Error(result.errors.map(formatError).join('\n'));
  return result;
}

/** A program at $0300 that writes `text` into video RAM (row 22, in the visible window) and then loops. */
export function messageProgram(text: string): AssemblyResult {
  return assembleOrThrow(`
      .org $0300
        ldx #0
      loop:
        lda msg,x
        beq done
        sta $D2C5,x
        inx
        bne loop
      done:
        jmp done
      msg:
        .text "${text}"
        .byte 0
  `);
}

/**
 * Subroutines for slow-scroll test programs, to append to a program's source. `scrollup` moves rows 4-27 of
 * the visible window (24 columns from column 5) up one row, pausing ~2,300 cycles after each row so that frame
 * ends fall inside the copy, and returns with X = 27. `rowaddr` points $F0/$F1 at row X, column 5 (A is kept).
 * They use $F0-$F3.
 */
export const SLOW_SCROLL = `
      scrollup:
        ldx #3
      scroll:
        jsr rowaddr
        lda $F0
        clc
        adc #32
        sta $F2
        lda $F1
        adc #0
        sta $F3
        ldy #23
      copy:
        lda ($F2),y
        sta ($F0),y
        dey
        bpl copy
        ldy #0
      pause:
        nop
        nop
        iny
        bne pause
        inx
        cpx #27
        bne scroll
        rts
      rowaddr:
        pha
        txa
        lsr a
        lsr a
        lsr a
        ora #$D0
        sta $F1
        txa
        asl a
        asl a
        asl a
        asl a
        asl a
        ora #5
        sta $F0
        pla
        rts
`;
