import { findOpcode, OPCODES } from '../opcodes.ts';
import type { AddressingMode, OpcodeInfo } from '../opcodes.ts';
import { evaluate, ExpressionError, parseExpression, TokenStream } from './expression.ts';
import type { Expr } from './expression.ts';
import { tokenizeLine } from './tokenizer.ts';
import type { Token } from './tokenizer.ts';

export interface AsmError {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  message: string;
}

/** Returns the text of a file named by `.include`, or undefined when it cannot be read. */
export type SourceReader = (path: string) => string | undefined;

export interface AssembleOptions {
  /** Name used in errors and as the base for relative `.include` paths. */
  fileName?: string;
  readFile?: SourceReader;
  /** Byte placed in gaps between segments in `image`. Default $FF (like unprogrammed EPROM). */
  gapFill?: number;
}

export interface Segment {
  address: number;
  bytes: Uint8Array;
}

export interface ListingLine {
  file: string;
  line: number;
  /** Address of the statement, undefined for lines that emit nothing and define no label. */
  address: number | undefined;
  bytes: number[];
  /** Value of a constant defined on this line (`NAME = expr`). */
  value?: number;
  source: string;
}

export interface AssemblyResult {
  ok: boolean;
  errors: AsmError[];
  /** Contiguous runs of emitted bytes, sorted by address. */
  segments: Segment[];
  /** Lowest address written (0 when nothing was emitted). */
  origin: number;
  /** Every byte from `origin` to the highest address written, gaps filled with `gapFill`. */
  image: Uint8Array;
  /** Global labels and constants by name; local labels as `global@local`. */
  symbols: Map<string, number>;
  listing: ListingLine[];
}

const MNEMONICS = new Set(OPCODES.flatMap((info) => (info ? [info.mnemonic] : [])));
const BRANCHES = new Set(['BPL', 'BMI', 'BVC', 'BVS', 'BCC', 'BCS', 'BNE', 'BEQ']);
const DIRECTIVES = new Set(['.org', '.byte', '.word', '.text', '.fill', '.align', '.include']);
const RESERVED = new Set([...MNEMONICS, 'A', 'X', 'Y']);
const MAX_INCLUDE_DEPTH = 16;

interface Location {
  file: string;
  line: number;
  source: string;
}

type DataItem = { kind: 'expr'; expr: Expr } | { kind: 'string'; text: string };

type Body =
  | { kind: 'none' }
  | { kind: 'instruction'; info: OpcodeInfo; operand: Expr | undefined; operandColumn: number }
  | { kind: 'data'; width: 1 | 2; items: DataItem[] }
  | { kind: 'fill'; count: number; value: Expr | undefined }
  | { kind: 'constant'; name: string; expr: Expr; column: number };

interface Statement {
  loc: Location;
  scope: string;
  address: number;
  size: number;
  label: { name: string; column: number } | undefined;
  body: Body;
}

class Fail extends Error {
  readonly column: number;
  constructor(message: string, column: number) {
    super(message);
    this.column = column;
  }
}

function hex(value: number, digits: number): string {
  return '$' + (value >>> 0).toString(16).toUpperCase().padStart(digits, '0');
}

// Include paths: '/' and '\\' both separate folders (Windows paths arrive with backslashes), and the result
// uses '/', which Node accepts on every platform.
function dirname(path: string): string {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return slash < 0 ? '' : path.slice(0, slash + 1);
}

function isAbsolute(path: string): boolean {
  return /^([\\/]|[A-Za-z]:[\\/])/.test(path);
}

function joinPath(base: string, relative: string): string {
  return normalize(isAbsolute(relative) || base === '' ? relative : base + relative);
}

function normalize(path: string): string {
  const root = /^([A-Za-z]:)?[\\/]/.exec(path)?.[0].replace('\\', '/') ?? '';
  const parts: string[] = [];
  for (const part of path.slice(root.length).split(/[\\/]/)) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else if (part === '..' && root !== '') continue;
    else parts.push(part);
  }
  return root + parts.join('/');
}

/**
 * A two-pass 6502 assembler. Pass 1 reads every line (following `.include`), fixes the size of each
 * statement and the address of every label; pass 2 evaluates operands with all symbols known and emits bytes.
 * An operand whose value is known and below $100 in pass 1 uses zero page; a forward reference uses the
 * absolute form, so sizes never change between passes.
 */
export function assemble(source: string, options: AssembleOptions = {}): AssemblyResult {
  return new Assembler(options).run(source);
}

class Assembler {
  private readonly fileName: string;
  private readonly readFile: SourceReader | undefined;
  private readonly gapFill: number;
  private readonly errors: AsmError[] = [];
  private readonly statements: Statement[] = [];
  private readonly symbols = new Map<string, number>();
  private readonly definedAt = new Map<string, Location>();
  private readonly errorOrder: number[] = [];
  /** Index of the statement being parsed (pass 1) or emitted (pass 2), for sorting errors. */
  private order = 0;
  private pc = 0;
  private scope = '';
  private includeStack: string[] = [];

  constructor(options: AssembleOptions) {
    this.fileName = options.fileName ?? 'input.asm';
    this.readFile = options.readFile;
    this.gapFill = (options.gapFill ?? 0xff) & 0xff;
  }

  run(source: string): AssemblyResult {
    this.passOne(source, this.fileName);
    this.resolveConstants();
    const memory = new Uint8Array(0x10000);
    const owner = new Int32Array(0x10000).fill(-1);
    const listing: ListingLine[] = [];
    this.statements.forEach((statement, index) => {
      this.order = index;
      const bytes = this.emit(statement);
      const body = statement.body;
      const entry: ListingLine = {
        file: statement.loc.file,
        line: statement.loc.line,
        address:
          statement.size > 0 || statement.label || body.kind === 'instruction'
            ? statement.address
            : undefined,
        bytes,
        source: statement.loc.source,
      };
      const value = body.kind === 'constant' ? this.symbols.get(body.name) : undefined;
      if (value !== undefined) entry.value = value;
      listing.push(entry);
      let overlapReported = false;
      bytes.forEach((byte, offset) => {
        const address = statement.address + offset;
        if (address > 0xffff) return;
        const other = this.statements[owner[address] ?? -1];
        if (other && !overlapReported) {
          overlapReported = true;
          this.error(
            statement.loc,
            1,
            `address ${hex(address, 4)} is already used by ${other.loc.file}:${other.loc.line}`,
          );
        }
        memory[address] = byte;
        owner[address] = index;
      });
    });
    const segments: Segment[] = [];
    let start = -1;
    for (let address = 0; address <= 0x10000; address++) {
      const used = address < 0x10000 && (owner[address] ?? -1) >= 0;
      if (used && start < 0) start = address;
      if (!used && start >= 0) {
        segments.push({ address: start, bytes: memory.slice(start, address) });
        start = -1;
      }
    }
    const first = segments[0];
    const last = segments[segments.length - 1];
    const origin = first ? first.address : 0;
    const end = last ? last.address + last.bytes.length : 0;
    const image = new Uint8Array(end - origin).fill(this.gapFill);
    for (const segment of segments) image.set(segment.bytes, segment.address - origin);
    return {
      ok: this.errors.length === 0,
      errors: this.sortedErrors(),
      segments,
      origin,
      image,
      symbols: new Map(this.symbols),
      listing,
    };
  }

  private error(loc: Location, column: number, message: string): void {
    this.errors.push({ file: loc.file, line: loc.line, column, message });
    this.errorOrder.push(this.order);
  }

  /** Errors in source order: pass 1 and pass 2 errors for one statement sit together. */
  private sortedErrors(): AsmError[] {
    return this.errors
      .map((error, index) => ({ error, order: this.errorOrder[index] ?? 0, index }))
      .sort((a, b) => a.order - b.order || a.index - b.index)
      .map(({ error }) => error);
  }

  private passOne(source: string, file: string): void {
    this.includeStack.push(file);
    try {
      const lines = source.split(/\r\n|\n|\r/);
      lines.forEach((text, index) => {
        const loc: Location = { file, line: index + 1, source: text };
        this.order = this.statements.length;
        try {
          this.parseLine(loc);
        } catch (error) {
          if (!(error instanceof Fail || error instanceof ExpressionError)) throw error;
          this.error(loc, error.column, error.message);
          if (this.statements[this.statements.length - 1]?.loc !== loc) {
            const body: Body = { kind: 'none' };
            this.statements.push({
              loc,
              scope: this.scope,
              address: this.pc,
              size: 0,
              label: undefined,
              body,
            });
          }
        }
      });
    } finally {
      this.includeStack.pop();
    }
  }

  private qualify(name: string): string {
    return name.startsWith('@') ? `${this.scope}${name}` : name;
  }

  private lookupIn(scope: string): (name: string) => number | undefined {
    return (name) => this.symbols.get(name.startsWith('@') ? `${scope}${name}` : name);
  }

  private define(name: string, value: number | undefined, loc: Location, column: number): void {
    const key = this.qualify(name);
    if (RESERVED.has(name.toUpperCase())) {
      throw new Fail(`'${name}' is a reserved word and cannot be a symbol name`, column);
    }
    const previous = this.definedAt.get(key);
    if (previous) {
      throw new Fail(`'${name}' is already defined at ${previous.file}:${previous.line}`, column);
    }
    if (value !== undefined) this.symbols.set(key, value);
    this.definedAt.set(key, loc);
  }

  private add(loc: Location, label: Statement['label'], size: number, body: Body): void {
    if (this.pc + size > 0x10000) {
      this.error(loc, 1, `this statement runs past $FFFF (it starts at ${hex(this.pc, 4)})`);
    }
    this.statements.push({ loc, scope: this.scope, address: this.pc, size, label, body });
    this.pc += size;
  }

  private parseLine(loc: Location): void {
    const { tokens, errors } = tokenizeLine(loc.source);
    const firstError = errors[0];
    if (firstError) {
      for (const e of errors.slice(1)) this.error(loc, e.column, e.message);
      throw new Fail(firstError.message, firstError.column);
    }
    const stream = new TokenStream(tokens);
    let label: Statement['label'];
    const first = stream.peek();

    if (first.kind === 'op' && first.text === '*' && stream.isOp('=', 1)) {
      stream.next();
      stream.next();
      this.setOrigin(stream, loc);
      return;
    }
    if (first.kind === 'ident' && !first.text.startsWith('.')) {
      if (stream.isOp('=', 1)) {
        stream.next();
        stream.next();
        const expr = parseExpression(stream);
        this.expectEnd(stream);
        const value = this.tryEvaluate(expr);
        this.define(first.text, value, loc, first.column);
        this.add(loc, undefined, 0, {
          kind: 'constant',
          name: this.qualify(first.text),
          expr,
          column: first.column,
        });
        return;
      }
      const colon = stream.isOp(':', 1);
      const isKeyword = MNEMONICS.has(first.text.toUpperCase());
      if (colon || (first.column === 1 && !isKeyword)) {
        stream.next();
        if (colon) stream.next();
        if (!first.text.startsWith('@')) this.scope = first.text;
        this.define(first.text, this.pc, loc, first.column);
        label = { name: this.qualify(first.text), column: first.column };
      }
    }

    const word = stream.peek();
    if (word.kind === 'eol') {
      this.add(loc, label, 0, { kind: 'none' });
      return;
    }
    if (word.kind !== 'ident') {
      if (label && !stream.isOp(':', -1)) {
        throw new Fail(`unknown instruction '${first.text}'`, first.column);
      }
      throw new Fail(`expected an instruction or directive, found '${word.text}'`, word.column);
    }
    stream.next();
    const name = word.text.toLowerCase();
    if (name.startsWith('.')) {
      this.parseDirective(name, word, stream, loc, label);
      return;
    }
    const mnemonic = word.text.toUpperCase();
    if (!MNEMONICS.has(mnemonic)) {
      if (stream.isOp('=')) {
        throw new Fail(`constant '${word.text}' must start the line`, word.column);
      }
      throw new Fail(`unknown instruction '${word.text}'`, word.column);
    }
    this.parseInstruction(mnemonic, word, stream, loc, label);
  }

  private expectEnd(stream: TokenStream): void {
    const token = stream.peek();
    if (token.kind !== 'eol')
      throw new Fail(`unexpected '${token.text}' after the end of the statement`, token.column);
  }

  private tryEvaluate(expr: Expr): number | undefined {
    return evaluate(expr, { lookup: this.lookupIn(this.scope), pc: this.pc });
  }

  private requireKnown(expr: Expr, column: number, what: string): number {
    const missing: string[] = [];
    const value = evaluate(expr, { lookup: this.lookupIn(this.scope), pc: this.pc }, (name) =>
      missing.push(name),
    );
    if (value === undefined) {
      throw new Fail(
        `${what} must be known in pass 1, but '${missing[0] ?? '?'}' is not defined yet`,
        column,
      );
    }
    return value;
  }

  private setOrigin(stream: TokenStream, loc: Location): void {
    const column = stream.peek().column;
    const value = this.requireKnown(parseExpression(stream), column, 'the origin');
    this.expectEnd(stream);
    if (value < 0 || value > 0xffff) throw new Fail(`origin ${value} is outside $0000-$FFFF`, column);
    this.add(loc, undefined, 0, { kind: 'none' });
    this.pc = value;
  }

  private parseDirective(
    name: string,
    word: Token,
    stream: TokenStream,
    loc: Location,
    label: Statement['label'],
  ): void {
    switch (name) {
      case '.org': {
        if (label)
          throw new Fail('a label cannot share a line with .org (put it on the next line)', label.column);
        this.setOrigin(stream, loc);
        return;
      }
      case '.byte':
      case '.text':
      case '.word': {
        const width = name === '.word' ? 2 : 1;
        const items: DataItem[] = [];
        let size = 0;
        do {
          const token = stream.peek();
          if (token.kind === 'string') {
            if (width === 2) throw new Fail('.word does not take strings', token.column);
            stream.next();
            items.push({ kind: 'string', text: token.text });
            size += token.text.length;
          } else {
            items.push({ kind: 'expr', expr: parseExpression(stream) });
            size += width;
          }
        } while (stream.isOp(',') && stream.next());
        this.expectEnd(stream);
        this.add(loc, label, size, { kind: 'data', width, items });
        return;
      }
      case '.fill': {
        const column = stream.peek().column;
        const count = this.requireKnown(parseExpression(stream), column, 'the .fill count');
        let value: Expr | undefined;
        if (stream.isOp(',')) {
          stream.next();
          value = parseExpression(stream);
        }
        this.expectEnd(stream);
        if (count < 0 || count > 0x10000) throw new Fail(`.fill count ${count} is outside 0-65536`, column);
        this.add(loc, label, count, { kind: 'fill', count, value });
        return;
      }
      case '.align': {
        const column = stream.peek().column;
        const boundary = this.requireKnown(parseExpression(stream), column, 'the .align boundary');
        let value: Expr | undefined;
        if (stream.isOp(',')) {
          stream.next();
          value = parseExpression(stream);
        }
        this.expectEnd(stream);
        if (boundary < 1 || boundary > 0x10000)
          throw new Fail(`.align boundary ${boundary} is outside 1-65536`, column);
        const count = (boundary - (this.pc % boundary)) % boundary;
        if (label) this.symbols.set(label.name, this.pc + count);
        this.add(loc, label, count, { kind: 'fill', count, value });
        return;
      }
      case '.include': {
        const token = stream.next();
        if (token.kind !== 'string')
          throw new Fail('.include needs a file name in double quotes', token.column);
        this.expectEnd(stream);
        if (label) this.add(loc, label, 0, { kind: 'none' });
        if (!this.readFile)
          throw new Fail(`cannot include '${token.text}': no file reader was given`, token.column);
        if (this.includeStack.length >= MAX_INCLUDE_DEPTH) {
          throw new Fail(`includes are nested more than ${MAX_INCLUDE_DEPTH} deep`, token.column);
        }
        const path = joinPath(dirname(loc.file), token.text);
        if (this.includeStack.includes(path)) {
          throw new Fail(
            `'${path}' includes itself (${[...this.includeStack, path].join(' -> ')})`,
            token.column,
          );
        }
        const text = this.readFile(path);
        if (text === undefined) throw new Fail(`cannot read included file '${path}'`, token.column);
        this.add(loc, undefined, 0, { kind: 'none' });
        this.passOne(text, path);
        return;
      }
      default:
        throw new Fail(`unknown directive '${word.text}' (known: ${[...DIRECTIVES].join(' ')})`, word.column);
    }
  }

  private parseInstruction(
    mnemonic: string,
    word: Token,
    stream: TokenStream,
    loc: Location,
    label: Statement['label'],
  ): void {
    const operandColumn = stream.peek().column;
    const { modes, operand } = this.parseOperand(mnemonic, stream);
    this.expectEnd(stream);
    const info = this.chooseOpcode(mnemonic, modes, operand);
    if (!info) {
      throw new Fail(
        `${mnemonic} has no ${describeModes(modes)} addressing mode`,
        modes.length ? operandColumn : word.column,
      );
    }
    this.add(loc, label, info.bytes, { kind: 'instruction', info, operand, operandColumn });
  }

  private parseOperand(
    mnemonic: string,
    stream: TokenStream,
  ): { modes: AddressingMode[]; operand: Expr | undefined } {
    const first = stream.peek();
    if (first.kind === 'eol') return { modes: ['imp', 'acc'], operand: undefined };
    if (first.kind === 'ident' && first.text.toUpperCase() === 'A' && stream.peek(1).kind === 'eol') {
      stream.next();
      return { modes: ['acc'], operand: undefined };
    }
    if (first.kind === 'op' && first.text === '#') {
      stream.next();
      return { modes: ['imm'], operand: parseExpression(stream) };
    }
    if (BRANCHES.has(mnemonic)) return { modes: ['rel'], operand: parseExpression(stream) };
    if (first.kind === 'op' && first.text === '(') {
      const start = stream.pos;
      stream.next();
      const inner = parseExpression(stream);
      if (stream.isOp(',') && this.isRegister(stream.peek(1), 'X') && stream.isOp(')', 2)) {
        stream.next();
        stream.next();
        stream.next();
        return { modes: ['izx'], operand: inner };
      }
      if (stream.isOp(')')) {
        const after = stream.peek(1);
        if (after.kind === 'op' && after.text === ',' && this.isRegister(stream.peek(2), 'Y')) {
          stream.next();
          stream.next();
          stream.next();
          return { modes: ['izy'], operand: inner };
        }
        if (after.kind === 'eol' && mnemonic === 'JMP') {
          stream.next();
          return { modes: ['ind'], operand: inner };
        }
      }
      stream.pos = start;
    }
    const operand = parseExpression(stream);
    if (stream.isOp(',')) {
      stream.next();
      const register = stream.next();
      if (this.isRegister(register, 'X')) return { modes: ['zpx', 'abx'], operand };
      if (this.isRegister(register, 'Y')) return { modes: ['zpy', 'aby'], operand };
      throw new Fail(`expected X or Y after ',' but found '${register.text}'`, register.column);
    }
    return { modes: ['zp', 'abs'], operand };
  }

  private isRegister(token: Token, register: 'X' | 'Y'): boolean {
    return token.kind === 'ident' && token.text.toUpperCase() === register;
  }

  private chooseOpcode(
    mnemonic: string,
    modes: AddressingMode[],
    operand: Expr | undefined,
  ): OpcodeInfo | undefined {
    const candidates = modes.flatMap((mode) => {
      const info = findOpcode(mnemonic, mode);
      return info ? [info] : [];
    });
    const [zeroPage, absolute] = candidates;
    if (candidates.length < 2 || !zeroPage || !absolute) return candidates[0];
    if (zeroPage.mode === 'imp') return zeroPage;
    const value = operand ? this.tryEvaluate(operand) : undefined;
    return value !== undefined && value >= 0 && value <= 0xff ? zeroPage : absolute;
  }

  private resolveConstants(): void {
    const pending = this.statements.filter(
      (s) => s.body.kind === 'constant' && !this.symbols.has(s.body.name),
    );
    let progress = true;
    while (progress && pending.length > 0) {
      progress = false;
      for (let i = pending.length - 1; i >= 0; i--) {
        const statement = pending[i];
        if (!statement || statement.body.kind !== 'constant') continue;
        let value: number | undefined;
        try {
          value = evaluate(statement.body.expr, {
            lookup: this.lookupIn(statement.scope),
            pc: statement.address,
          });
        } catch {
          value = undefined;
        }
        if (value !== undefined) {
          this.symbols.set(statement.body.name, value);
          pending.splice(i, 1);
          progress = true;
        }
      }
    }
  }

  private value(statement: Statement, expr: Expr, pc = statement.address): number | undefined {
    const missing: { name: string; column: number }[] = [];
    try {
      const value = evaluate(expr, { lookup: this.lookupIn(statement.scope), pc }, (name, column) =>
        missing.push({ name, column }),
      );
      for (const m of missing) this.error(statement.loc, m.column, `undefined symbol '${m.name}'`);
      return value;
    } catch (error) {
      if (error instanceof ExpressionError) {
        this.error(statement.loc, error.column, error.message);
        return undefined;
      }
      throw error;
    }
  }

  private emit(statement: Statement): number[] {
    const body = statement.body;
    switch (body.kind) {
      case 'none':
        return [];
      case 'constant': {
        if (!this.symbols.has(body.name)) this.value(statement, body.expr);
        return [];
      }
      case 'fill': {
        const value = body.value ? this.checkedByte(statement, body.value) : 0;
        return new Array<number>(body.count).fill(value);
      }
      case 'data': {
        const bytes: number[] = [];
        for (const item of body.items) {
          if (item.kind === 'string') {
            for (const ch of item.text) bytes.push(ch.charCodeAt(0) & 0xff);
          } else if (body.width === 1) {
            bytes.push(this.checkedByte(statement, item.expr));
          } else {
            const value = this.value(statement, item.expr) ?? 0;
            if (value < -0x8000 || value > 0xffff) {
              this.error(statement.loc, item.expr.column, `value ${hex(value, 4)} does not fit in a word`);
            }
            bytes.push(value & 0xff, (value >> 8) & 0xff);
          }
        }
        return bytes;
      }
      case 'instruction':
        return this.emitInstruction(statement, body.info, body.operand, body.operandColumn);
    }
  }

  private checkedByte(statement: Statement, expr: Expr): number {
    const value = this.value(statement, expr) ?? 0;
    if (value < -0x80 || value > 0xff) {
      this.error(
        statement.loc,
        expr.column,
        `value ${value} (${hex(value & 0xffff, 4)}) does not fit in a byte`,
      );
    }
    return value & 0xff;
  }

  private emitInstruction(
    statement: Statement,
    info: OpcodeInfo,
    operand: Expr | undefined,
    column: number,
  ): number[] {
    if (!operand) return [info.opcode];
    const value = this.value(statement, operand);
    if (value === undefined) return [info.opcode, ...new Array<number>(info.bytes - 1).fill(0)];
    switch (info.mode) {
      case 'imm':
        return [info.opcode, this.checkedByte(statement, operand)];
      case 'rel': {
        const offset = value - (statement.address + 2);
        if (value < 0 || value > 0xffff) {
          this.error(statement.loc, column, `branch target ${value} is outside $0000-$FFFF`);
        } else if (offset < -128 || offset > 127) {
          this.error(
            statement.loc,
            column,
            `branch target ${hex(value, 4)} is out of range (${offset} bytes; a branch reaches -128..+127)`,
          );
        }
        return [info.opcode, offset & 0xff];
      }
      case 'zp':
      case 'zpx':
      case 'zpy':
      case 'izx':
      case 'izy':
        if (value < 0 || value > 0xff) {
          this.error(
            statement.loc,
            column,
            `${info.mnemonic} ${MODE_NAMES[info.mode]} needs a zero-page address, not ${hex(value & 0xffff, 4)}`,
          );
        }
        return [info.opcode, value & 0xff];
      default:
        if (value < 0 || value > 0xffff) {
          this.error(statement.loc, column, `address ${value} is outside $0000-$FFFF`);
        }
        return [info.opcode, value & 0xff, (value >> 8) & 0xff];
    }
  }
}

const MODE_NAMES: Record<AddressingMode, string> = {
  imp: 'implied',
  acc: 'accumulator',
  imm: 'immediate (#)',
  zp: 'zero page',
  zpx: 'zero page,X',
  zpy: 'zero page,Y',
  abs: 'absolute',
  abx: 'absolute,X',
  aby: 'absolute,Y',
  ind: 'indirect',
  izx: '(zero page,X)',
  izy: '(zero page),Y',
  rel: 'relative',
};

function describeModes(modes: AddressingMode[]): string {
  return modes.map((mode) => MODE_NAMES[mode]).join(' or ');
}

export function formatError(error: AsmError): string {
  return `${error.file}:${error.line}:${error.column}: error: ${error.message}`;
}

export function formatListing(listing: readonly ListingLine[]): string {
  const out: string[] = [];
  let file: string | undefined;
  for (const line of listing) {
    if (line.file !== file) {
      if (file !== undefined || listing.some((other) => other.file !== line.file))
        out.push(`; ---- ${line.file}`);
      file = line.file;
    }
    const address =
      line.value !== undefined
        ? '=' + (line.value & 0xffff).toString(16).toUpperCase().padStart(4, '0')
        : line.address === undefined
          ? '    '
          : line.address.toString(16).toUpperCase().padStart(4, '0');
    const rows: number[][] = [];
    for (let i = 0; i < line.bytes.length && rows.length < 4; i += 3) rows.push(line.bytes.slice(i, i + 3));
    const fmt = (bytes: number[]): string =>
      bytes
        .map((b) => b.toString(16).toUpperCase().padStart(2, '0'))
        .join(' ')
        .padEnd(8, ' ');
    out.push(`${String(line.line).padStart(5)}  ${address.padEnd(5)} ${fmt(rows[0] ?? [])}  ${line.source}`);
    rows.slice(1).forEach((row, index) => {
      const rowAddress = ((line.address ?? 0) + 3 * (index + 1)).toString(16).toUpperCase().padStart(4, '0');
      out.push(`       ${rowAddress}  ${fmt(row)}`.trimEnd());
    });
    if (line.bytes.length > 12) out.push(`             ... ${line.bytes.length} bytes in all`);
    out[out.length - 1] = (out[out.length - 1] ?? '').trimEnd();
  }
  return out.join('\n') + '\n';
}

export function formatSymbols(symbols: ReadonlyMap<string, number>): string {
  return (
    [...symbols.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, value]) => `${name.padEnd(24)} ${hex(value & 0xffff, 4)}`)
      .join('\n') + '\n'
  );
}
