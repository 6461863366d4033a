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
