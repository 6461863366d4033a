import { assemble, formatError, type AssemblyResult } from '../../src-main/core/cpu/assembler/assembler.ts';

/** Assembles a test program with our assembler, failing the test with every error if it does not assemble. */
export function assembleOrThrow(source: string): AssemblyResult {
  const result = assemble(source);
  if (!result.ok) throw new Error(result.errors.map(formatError).join('\n'));
  return result;
}
