export type TokenKind = 'ident' | 'number' | 'string' | 'op' | 'eol';

export interface Token {
  kind: TokenKind;
  /** Identifier name, operator text, or decoded string contents. */
  text: string;
  /** Numeric value for numbers and character constants. */
  value: number;
  /** 1-based column of the first character. */
  column: number;
}

export interface TokenizeError {
  column: number;
  message: string;
}

const OPERATORS = new Set(['+', '-', '*', '/', '&', '|', '^', '<', '>', '~', '(', ')', ',', '#', '=', ':']);
const ESCAPES: Record<string, number> = {
  n: 0x0a,
  r: 0x0d,
  t: 0x09,
  '0': 0x00,
  '\\': 0x5c,
  '"': 0x22,
  "'": 0x27,
};

function isIdentStart(ch: string): boolean {
  return /[A-Za-z_.@]/.test(ch);
}

function isIdentPart(ch: string): boolean {
  return /[A-Za-z0-9_.@]/.test(ch);
}

/**
 * Splits one source line into tokens. A `;` outside a string starts a comment. Identifiers may start with `.`
 * (directives) or `@` (local labels). `$` and `%` introduce hex and binary numbers; `%` is never an operator.
 */
export function tokenizeLine(line: string): { tokens: Token[]; errors: TokenizeError[] } {
  const tokens: Token[] = [];
  const errors: TokenizeError[] = [];
  let i = 0;
  const push = (kind: TokenKind, text: string, value: number, start: number): void => {
    tokens.push({ kind, text, value, column: start + 1 });
  };
  while (i < line.length) {
    const ch = line[i] ?? '';
    const start = i;
    if (ch === ';') break;
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      i++;
      continue;
    }
    if (ch === '$' || ch === '%' || /[0-9]/.test(ch)) {
      const radix = ch === '$' ? 16 : ch === '%' ? 2 : 10;
      if (radix !== 10) i++;
      const digitPattern = radix === 16 ? /[0-9A-Fa-f]/ : radix === 2 ? /[01]/ : /[0-9]/;
      let digits = '';
      while (i < line.length && digitPattern.test(line[i] ?? '')) digits += line[i++];
      if (i < line.length && /[A-Za-z0-9_]/.test(line[i] ?? '')) {
        while (i < line.length && /[A-Za-z0-9_]/.test(line[i] ?? '')) digits += line[i++];
        errors.push({ column: start + 1, message: `malformed number '${line.slice(start, i)}'` });
        push('number', line.slice(start, i), 0, start);
        continue;
      }
      if (digits === '') {
        errors.push({
          column: start + 1,
          message: `'${ch}' must be followed by ${radix === 16 ? 'hex' : 'binary'} digits`,
        });
        push('number', ch, 0, start);
        continue;
      }
      push('number', line.slice(start, i), parseInt(digits, radix), start);
      continue;
    }
    if (isIdentStart(ch)) {
      i++;
      while (i < line.length && isIdentPart(line[i] ?? '')) i++;
      push('ident', line.slice(start, i), 0, start);
      continue;
    }
    if (ch === '"' || ch === "'") {
      const quote = ch;
      i++;
      const codes: number[] = [];
      let closed = false;
      while (i < line.length) {
        const c = line[i] ?? '';
        if (c === quote) {
          closed = true;
          i++;
          break;
        }
        if (c === '\\') {
          const next = line[i + 1] ?? '';
          if (next === 'x' && /^[0-9A-Fa-f]{2}$/.test(line.slice(i + 2, i + 4))) {
            codes.push(parseInt(line.slice(i + 2, i + 4), 16));
            i += 4;
            continue;
          }
          const code = ESCAPES[next];
          if (code === undefined) {
            errors.push({ column: i + 1, message: `unknown escape '\\${next}'` });
            i += 2;
            continue;
          }
          codes.push(code);
          i += 2;
          continue;
        }
        codes.push(c.charCodeAt(0));
        i++;
      }
      if (!closed)
        errors.push({ column: start + 1, message: `unterminated ${quote === '"' ? 'string' : 'character'}` });
      if (quote === "'") {
        if (codes.length !== 1) {
          errors.push({ column: start + 1, message: 'a character constant holds exactly one character' });
        }
        push('number', line.slice(start, i), codes[0] ?? 0, start);
      } else {
        push('string', String.fromCharCode(...codes), 0, start);
      }
      continue;
    }
    if (OPERATORS.has(ch)) {
      i++;
      push('op', ch, 0, start);
      continue;
    }
    errors.push({ column: start + 1, message: `unexpected character '${ch}'` });
    i++;
  }
  tokens.push({ kind: 'eol', text: '', value: 0, column: Math.min(i, line.length) + 1 });
  return { tokens, errors };
}
