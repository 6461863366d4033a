/**
 * The NMOS 6502 opcode table: the one declaration of mnemonic, addressing mode, length and base cycle count
 * that the CPU, the disassembler and the assembler all read. Cycle counts are the MOS datasheet's; the
 * undocumented opcodes follow the common "NMOS 6510 Unintended Opcodes" naming (LAX, SAX, DCP, ISC, ...).
 */

export type AddressingMode =
  'imp' | 'acc' | 'imm' | 'zp' | 'zpx' | 'zpy' | 'abs' | 'abx' | 'aby' | 'ind' | 'izx' | 'izy' | 'rel';

export interface OpcodeInfo {
  readonly opcode: number;
  /** Upper case, e.g. 'LDA'. Undocumented opcodes use their common names (LAX, SAX, DCP, ISC, JAM, ...). */
  readonly mnemonic: string;
  readonly mode: AddressingMode;
  /** Instruction length including the opcode byte (BRK counts as 1; the CPU skips a signature byte). */
  readonly bytes: number;
  /** Cycles without page-cross or branch penalties. */
  readonly cycles: number;
  /**
   * +1 cycle when the indexed address crosses a page (reads through abs,X / abs,Y / (zp),Y). Branches are
   * not flagged: a taken branch adds 1 cycle and 1 more when it lands in another page.
   */
  readonly pageCrossPenalty: boolean;
  readonly undocumented: boolean;
}

export const OPERAND_BYTES: Readonly<Record<AddressingMode, number>> = {
  imp: 0,
  acc: 0,
  imm: 1,
  zp: 1,
  zpx: 1,
  zpy: 1,
  abs: 2,
  abx: 2,
  aby: 2,
  ind: 2,
  izx: 1,
  izy: 1,
  rel: 1,
};

const table: (OpcodeInfo | undefined)[] = new Array<OpcodeInfo | undefined>(256).fill(undefined);

function def(
  opcode: number,
  mnemonic: string,
  mode: AddressingMode,
  cycles: number,
  flags: { pageCross?: boolean; undocumented?: boolean } = {},
): void {
  if (table[opcode] !== undefined) throw new Error(`opcode $${opcode.toString(16)} is defined twice`);
  table[opcode] = Object.freeze({
    opcode,
    mnemonic,
    mode,
    bytes: 1 + OPERAND_BYTES[mode],
    cycles,
    pageCrossPenalty: flags.pageCross ?? false,
    undocumented: flags.undocumented ?? false,
  });
}

const PX = { pageCross: true };
const U = { undocumented: true };
const UPX = { undocumented: true, pageCross: true };

/** The eight read-style ALU groups share one layout: [imm, zp, zpx, abs, abx, aby, izx, izy]. */
function aluGroup(mnemonic: string, base: number): void {
  def(base + 0x09, mnemonic, 'imm', 2);
  def(base + 0x05, mnemonic, 'zp', 3);
  def(base + 0x15, mnemonic, 'zpx', 4);
  def(base + 0x0d, mnemonic, 'abs', 4);
  def(base + 0x1d, mnemonic, 'abx', 4, PX);
  def(base + 0x19, mnemonic, 'aby', 4, PX);
  def(base + 0x01, mnemonic, 'izx', 6);
  def(base + 0x11, mnemonic, 'izy', 5, PX);
}
aluGroup('ORA', 0x00);
aluGroup('AND', 0x20);
aluGroup('EOR', 0x40);
aluGroup('ADC', 0x60);
aluGroup('LDA', 0xa0);
aluGroup('CMP', 0xc0);
aluGroup('SBC', 0xe0);

def(0x85, 'STA', 'zp', 3);
def(0x95, 'STA', 'zpx', 4);
def(0x8d, 'STA', 'abs', 4);
def(0x9d, 'STA', 'abx', 5);
def(0x99, 'STA', 'aby', 5);
def(0x81, 'STA', 'izx', 6);
def(0x91, 'STA', 'izy', 6);

/** Shifts, rotates, INC and DEC: [acc?, zp, zpx, abs, abx]. */
function rmwGroup(mnemonic: string, base: number, hasAcc: boolean): void {
  if (hasAcc) def(base + 0x0a, mnemonic, 'acc', 2);
  def(base + 0x06, mnemonic, 'zp', 5);
  def(base + 0x16, mnemonic, 'zpx', 6);
  def(base + 0x0e, mnemonic, 'abs', 6);
  def(base + 0x1e, mnemonic, 'abx', 7);
}
rmwGroup('ASL', 0x00, true);
rmwGroup('ROL', 0x20, true);
rmwGroup('LSR', 0x40, true);
rmwGroup('ROR', 0x60, true);
rmwGroup('DEC', 0xc0, false);
rmwGroup('INC', 0xe0, false);

def(0xa2, 'LDX', 'imm', 2);
def(0xa6, 'LDX', 'zp', 3);
def(0xb6, 'LDX', 'zpy', 4);
def(0xae, 'LDX', 'abs', 4);
def(0xbe, 'LDX', 'aby', 4, PX);
def(0xa0, 'LDY', 'imm', 2);
def(0xa4, 'LDY', 'zp', 3);
def(0xb4, 'LDY', 'zpx', 4);
def(0xac, 'LDY', 'abs', 4);
def(0xbc, 'LDY', 'abx', 4, PX);
def(0x86, 'STX', 'zp', 3);
def(0x96, 'STX', 'zpy', 4);
def(0x8e, 'STX', 'abs', 4);
def(0x84, 'STY', 'zp', 3);
def(0x94, 'STY', 'zpx', 4);
def(0x8c, 'STY', 'abs', 4);
def(0xe0, 'CPX', 'imm', 2);
def(0xe4, 'CPX', 'zp', 3);
def(0xec, 'CPX', 'abs', 4);
def(0xc0, 'CPY', 'imm', 2);
def(0xc4, 'CPY', 'zp', 3);
def(0xcc, 'CPY', 'abs', 4);
def(0x24, 'BIT', 'zp', 3);
def(0x2c, 'BIT', 'abs', 4);

const branches: readonly [number, string][] = [
  [0x10, 'BPL'],
  [0x30, 'BMI'],
  [0x50, 'BVC'],
  [0x70, 'BVS'],
  [0x90, 'BCC'],
  [0xb0, 'BCS'],
  [0xd0, 'BNE'],
  [0xf0, 'BEQ'],
];
for (const [opcode, mnemonic] of branches) def(opcode, mnemonic, 'rel', 2);

def(0x00, 'BRK', 'imp', 7);
def(0x20, 'JSR', 'abs', 6);
def(0x40, 'RTI', 'imp', 6);
def(0x60, 'RTS', 'imp', 6);
def(0x4c, 'JMP', 'abs', 3);
def(0x6c, 'JMP', 'ind', 5);
def(0x08, 'PHP', 'imp', 3);
def(0x48, 'PHA', 'imp', 3);
def(0x28, 'PLP', 'imp', 4);
def(0x68, 'PLA', 'imp', 4);

const implied: readonly [number, string][] = [
  [0x18, 'CLC'],
  [0x38, 'SEC'],
  [0x58, 'CLI'],
  [0x78, 'SEI'],
  [0xb8, 'CLV'],
  [0xd8, 'CLD'],
  [0xf8, 'SED'],
  [0xaa, 'TAX'],
  [0x8a, 'TXA'],
  [0xa8, 'TAY'],
  [0x98, 'TYA'],
  [0xba, 'TSX'],
  [0x9a, 'TXS'],
  [0xe8, 'INX'],
  [0xca, 'DEX'],
  [0xc8, 'INY'],
  [0x88, 'DEY'],
  [0xea, 'NOP'],
];
for (const [opcode, mnemonic] of implied) def(opcode, mnemonic, 'imp', 2);

/** Undocumented read-modify-write + ALU combinations: [zp, zpx, abs, abx, aby, izx, izy]. */
function comboGroup(mnemonic: string, base: number): void {
  def(base + 0x07, mnemonic, 'zp', 5, U);
  def(base + 0x17, mnemonic, 'zpx', 6, U);
  def(base + 0x0f, mnemonic, 'abs', 6, U);
  def(base + 0x1f, mnemonic, 'abx', 7, U);
  def(base + 0x1b, mnemonic, 'aby', 7, U);
  def(base + 0x03, mnemonic, 'izx', 8, U);
  def(base + 0x13, mnemonic, 'izy', 8, U);
}
comboGroup('SLO', 0x00);
comboGroup('RLA', 0x20);
comboGroup('SRE', 0x40);
comboGroup('RRA', 0x60);
comboGroup('DCP', 0xc0);
comboGroup('ISC', 0xe0);

def(0x87, 'SAX', 'zp', 3, U);
def(0x97, 'SAX', 'zpy', 4, U);
def(0x8f, 'SAX', 'abs', 4, U);
def(0x83, 'SAX', 'izx', 6, U);
def(0xa7, 'LAX', 'zp', 3, U);
def(0xb7, 'LAX', 'zpy', 4, U);
def(0xaf, 'LAX', 'abs', 4, U);
def(0xbf, 'LAX', 'aby', 4, UPX);
def(0xa3, 'LAX', 'izx', 6, U);
def(0xb3, 'LAX', 'izy', 5, UPX);

def(0x0b, 'ANC', 'imm', 2, U);
def(0x2b, 'ANC', 'imm', 2, U);
def(0x4b, 'ALR', 'imm', 2, U);
def(0x6b, 'ARR', 'imm', 2, U);
def(0xcb, 'SBX', 'imm', 2, U);
def(0xeb, 'SBC', 'imm', 2, U);

for (const opcode of [0x1a, 0x3a, 0x5a, 0x7a, 0xda, 0xfa]) def(opcode, 'NOP', 'imp', 2, U);
for (const opcode of [0x80, 0x82, 0x89, 0xc2, 0xe2]) def(opcode, 'NOP', 'imm', 2, U);
for (const opcode of [0x04, 0x44, 0x64]) def(opcode, 'NOP', 'zp', 3, U);
for (const opcode of [0x14, 0x34, 0x54, 0x74, 0xd4, 0xf4]) def(opcode, 'NOP', 'zpx', 4, U);
def(0x0c, 'NOP', 'abs', 4, U);
for (const opcode of [0x1c, 0x3c, 0x5c, 0x7c, 0xdc, 0xfc]) def(opcode, 'NOP', 'abx', 4, UPX);

// JAM (also called KIL/HLT) stops the NMOS 6502 until RESET. The CPU here fetches the opcode and the next
// byte (2 bus cycles) and then halts.
for (const opcode of [0x02, 0x12, 0x22, 0x32, 0x42, 0x52, 0x62, 0x72, 0x92, 0xb2, 0xd2, 0xf2]) {
  def(opcode, 'JAM', 'imp', 2, U);
}

// Left undefined, because their results depend on the chip, temperature or bus contents:
// $8B ANE/XAA, $AB LXA, $93/$9F SHA, $9B TAS, $9C SHY, $9E SHX, $BB LAS.

export const OPCODES: readonly (OpcodeInfo | undefined)[] = Object.freeze(table);

const byMnemonicMode = new Map<string, OpcodeInfo>();
for (const info of OPCODES) {
  if (info === undefined) continue;
  const key = `${info.mnemonic} ${info.mode}`;
  const existing = byMnemonicMode.get(key);
  if (existing === undefined || (existing.undocumented && !info.undocumented)) byMnemonicMode.set(key, info);
}

/**
 * The opcode for a mnemonic in an addressing mode, preferring the documented one (SBC #imm is $E9, not
 * $EB; NOP implied is $EA). Among undocumented duplicates the lowest opcode wins. The mnemonic is matched
 * case-insensitively.
 */
export function findOpcode(mnemonic: string, mode: AddressingMode): OpcodeInfo | undefined {
  return byMnemonicMode.get(`${mnemonic.toUpperCase()} ${mode}`);
}
