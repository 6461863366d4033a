import type { Token } from './tokenizer.ts';

export type Expr =
  | { kind: 'number'; value: number; column: number }
  | { kind: 'symbol'; name: string; column: number }
  | { kind: 'pc'; column: number }
  | { kind: 'unary'; op: string; arg: Expr; column: number }
  | { kind: 'binary'; op: string; left: Expr; right: Expr; column: number };

export class ExpressionError extends Error {
  readonly column: number;
  constructor(message: string, column: number) {
    super(message);
    this.column = column;
  }
}

/** Binary operators from loosest to tightest binding. Unary `- + ~ < >` bind tighter than all of them. */
const LEVELS: readonly (readonly string[])[] = [['|'], ['^'], ['&'], ['+', '-'], ['*', '/']];

/** A cursor over a token list that expression parsing advances. */
export class TokenStream {
  readonly tokens: readonly Token[];
  pos: number;
  constructor(tokens: readonly Token[], pos = 0) {
    this.tokens = tokens;
    this.pos = pos;
  }
  peek(offset = 0): Token {
    const last = this.tokens[this.tokens.length - 1];
    const token = this.tokens[this.pos + offset] ?? last;
    if (!token) throw new Error('token stream has no end-of-line token');
    return token;
  }
  next(): Token {
    const token = this.peek();
    if (this.pos < this.tokens.length - 1) this.pos++;
    return token;
  }
  isOp(text: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.kind === 'op' && token.text === text;
  }
  atEnd(): boolean {
    return this.peek().kind === 'eol';
  }
}

export function parseExpression(stream: TokenStream): Expr {
  return parseLevel(stream, 0);
}

function parseLevel(stream: TokenStream, level: number): Expr {
  const ops = LEVELS[level];
  if (!ops) return parseUnary(stream);
  let left = parseLevel(stream, level + 1);
  for (;;) {
    const token = stream.peek();
    if (token.kind !== 'op' || !ops.includes(token.text)) return left;
    stream.next();
    const right = parseLevel(stream, level + 1);
    left = { kind: 'binary', op: token.text, left, right, column: token.column };
  }
}

function parseUnary(stream: TokenStream): Expr {
  const token = stream.peek();
  if (token.kind === 'op' && ['-', '+', '~', '<', '>'].includes(token.text)) {
    stream.next();
    return { kind: 'unary', op: token.text, arg: parseUnary(stream), column: token.column };
  }
  return parsePrimary(stream);
}

function parsePrimary(stream: TokenStream): Expr {
  const token = stream.next();
  switch (token.kind) {
    case 'number':
      return { kind: 'number', value: token.value, column: token.column };
    case 'ident':
      if (token.text.startsWith('.')) {
        throw new ExpressionError(`directive '${token.text}' cannot appear in an expression`, token.column);
      }
      return { kind: 'symbol', name: token.text, column: token.column };
    case 'op':
      if (token.text === '*') return { kind: 'pc', column: token.column };
      if (token.text === '(') {
        const inner = parseExpression(stream);
        const close = stream.next();
        if (close.kind !== 'op' || close.text !== ')') {
          throw new ExpressionError(`expected ')' to close the '(' at column ${token.column}`, close.column);
        }
        return inner;
      }
      throw new ExpressionError(`expected a value but found '${token.text}'`, token.column);
    case 'string':
      throw new ExpressionError('a string cannot be used as a number here', token.column);
    case 'eol':
      throw new ExpressionError('expected a value but the line ended', token.column);
  }
}

export interface EvalContext {
  /** Value of a symbol, or undefined when it is not (yet) defined. */
  lookup(name: string): number | undefined;
  /** Address of the current statement, the value of `*`. */
  pc: number;
}

/**
 * Evaluates an expression. Returns undefined when a symbol is not defined yet (the caller decides whether that is
 * an error: it is not in pass 1). Throws ExpressionError for division by zero.
 */
export function evaluate(
  expr: Expr,
  ctx: EvalContext,
  missing?: (name: string, column: number) => void,
): number | undefined {
  switch (expr.kind) {
    case 'number':
      return expr.value;
    case 'pc':
      return ctx.pc;
    case 'symbol': {
      const value = ctx.lookup(expr.name);
      if (value === undefined) missing?.(expr.name, expr.column);
      return value;
    }
    case 'unary': {
      const arg = evaluate(expr.arg, ctx, missing);
      if (arg === undefined) return undefined;
      switch (expr.op) {
        case '-':
          return -arg;
        case '~':
          return ~arg;
        case '<':
          return arg & 0xff;
        case '>':
          return (arg >> 8) & 0xff;
        default:
          return arg;
      }
    }
    case 'binary': {
      const left = evaluate(expr.left, ctx, missing);
      const right = evaluate(expr.right, ctx, missing);
      if (left === undefined || right === undefined) return undefined;
      switch (expr.op) {
        case '+':
          return left + right;
        case '-':
          return left - right;
        case '*':
          return left * right;
        case '/':
          if (right === 0) throw new ExpressionError('division by zero', expr.column);
          return Math.trunc(left / right);
        case '&':
          return left & right;
        case '|':
          return left | right;
        default:
          return left ^ right;
      }
    }
  }
}
