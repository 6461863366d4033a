import "node:module";
import { resolve } from "node:path";
import { defineConfig } from "electron-vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
// src-main/core/cpu/opcodes.ts
const OPERAND_BYTES = {
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
	rel: 1
};
const table = new Array(256).fill(void 0);
function def(opcode, mnemonic, mode, cycles, flags = {}) {
	if (table[opcode] !== void 0) throw new Error(`opcode $${opcode.toString(16)} is defined twice`);
	table[opcode] = Object.freeze({
		opcode,
		mnemonic,
		mode,
		bytes: 1 + OPERAND_BYTES[mode],
		cycles,
		pageCrossPenalty: flags.pageCross ?? false,
		undocumented: flags.undocumented ?? false
	});
}
const PX = { pageCross: true };
const U = { undocumented: true };
const UPX = {
	undocumented: true,
	pageCross: true
};
/** The eight read-style ALU groups share one layout: [imm, zp, zpx, abs, abx, aby, izx, izy]. */
function aluGroup(mnemonic, base) {
	def(base + 9, mnemonic, "imm", 2);
	def(base + 5, mnemonic, "zp", 3);
	def(base + 21, mnemonic, "zpx", 4);
	def(base + 13, mnemonic, "abs", 4);
	def(base + 29, mnemonic, "abx", 4, PX);
	def(base + 25, mnemonic, "aby", 4, PX);
	def(base + 1, mnemonic, "izx", 6);
	def(base + 17, mnemonic, "izy", 5, PX);
}
aluGroup("ORA", 0);
aluGroup("AND", 32);
aluGroup("EOR", 64);
aluGroup("ADC", 96);
aluGroup("LDA", 160);
aluGroup("CMP", 192);
aluGroup("SBC", 224);
def(133, "STA", "zp", 3);
def(149, "STA", "zpx", 4);
def(141, "STA", "abs", 4);
def(157, "STA", "abx", 5);
def(153, "STA", "aby", 5);
def(129, "STA", "izx", 6);
def(145, "STA", "izy", 6);
/** Shifts, rotates, INC and DEC: [acc?, zp, zpx, abs, abx]. */
function rmwGroup(mnemonic, base, hasAcc) {
	if (hasAcc) def(base + 10, mnemonic, "acc", 2);
	def(base + 6, mnemonic, "zp", 5);
	def(base + 22, mnemonic, "zpx", 6);
	def(base + 14, mnemonic, "abs", 6);
	def(base + 30, mnemonic, "abx", 7);
}
rmwGroup("ASL", 0, true);
rmwGroup("ROL", 32, true);
rmwGroup("LSR", 64, true);
rmwGroup("ROR", 96, true);
rmwGroup("DEC", 192, false);
rmwGroup("INC", 224, false);
def(162, "LDX", "imm", 2);
def(166, "LDX", "zp", 3);
def(182, "LDX", "zpy", 4);
def(174, "LDX", "abs", 4);
def(190, "LDX", "aby", 4, PX);
def(160, "LDY", "imm", 2);
def(164, "LDY", "zp", 3);
def(180, "LDY", "zpx", 4);
def(172, "LDY", "abs", 4);
def(188, "LDY", "abx", 4, PX);
def(134, "STX", "zp", 3);
def(150, "STX", "zpy", 4);
def(142, "STX", "abs", 4);
def(132, "STY", "zp", 3);
def(148, "STY", "zpx", 4);
def(140, "STY", "abs", 4);
def(224, "CPX", "imm", 2);
def(228, "CPX", "zp", 3);
def(236, "CPX", "abs", 4);
def(192, "CPY", "imm", 2);
def(196, "CPY", "zp", 3);
def(204, "CPY", "abs", 4);
def(36, "BIT", "zp", 3);
def(44, "BIT", "abs", 4);
for (const [opcode, mnemonic] of [
	[16, "BPL"],
	[48, "BMI"],
	[80, "BVC"],
	[112, "BVS"],
	[144, "BCC"],
	[176, "BCS"],
	[208, "BNE"],
	[240, "BEQ"]
]) def(opcode, mnemonic, "rel", 2);
def(0, "BRK", "imp", 7);
def(32, "JSR", "abs", 6);
def(64, "RTI", "imp", 6);
def(96, "RTS", "imp", 6);
def(76, "JMP", "abs", 3);
def(108, "JMP", "ind", 5);
def(8, "PHP", "imp", 3);
def(72, "PHA", "imp", 3);
def(40, "PLP", "imp", 4);
def(104, "PLA", "imp", 4);
for (const [opcode, mnemonic] of [
	[24, "CLC"],
	[56, "SEC"],
	[88, "CLI"],
	[120, "SEI"],
	[184, "CLV"],
	[216, "CLD"],
	[248, "SED"],
	[170, "TAX"],
	[138, "TXA"],
	[168, "TAY"],
	[152, "TYA"],
	[186, "TSX"],
	[154, "TXS"],
	[232, "INX"],
	[202, "DEX"],
	[200, "INY"],
	[136, "DEY"],
	[234, "NOP"]
]) def(opcode, mnemonic, "imp", 2);
/** Undocumented read-modify-write + ALU combinations: [zp, zpx, abs, abx, aby, izx, izy]. */
function comboGroup(mnemonic, base) {
	def(base + 7, mnemonic, "zp", 5, U);
	def(base + 23, mnemonic, "zpx", 6, U);
	def(base + 15, mnemonic, "abs", 6, U);
	def(base + 31, mnemonic, "abx", 7, U);
	def(base + 27, mnemonic, "aby", 7, U);
	def(base + 3, mnemonic, "izx", 8, U);
	def(base + 19, mnemonic, "izy", 8, U);
}
comboGroup("SLO", 0);
comboGroup("RLA", 32);
comboGroup("SRE", 64);
comboGroup("RRA", 96);
comboGroup("DCP", 192);
comboGroup("ISC", 224);
def(135, "SAX", "zp", 3, U);
def(151, "SAX", "zpy", 4, U);
def(143, "SAX", "abs", 4, U);
def(131, "SAX", "izx", 6, U);
def(167, "LAX", "zp", 3, U);
def(183, "LAX", "zpy", 4, U);
def(175, "LAX", "abs", 4, U);
def(191, "LAX", "aby", 4, UPX);
def(163, "LAX", "izx", 6, U);
def(179, "LAX", "izy", 5, UPX);
def(11, "ANC", "imm", 2, U);
def(43, "ANC", "imm", 2, U);
def(75, "ALR", "imm", 2, U);
def(107, "ARR", "imm", 2, U);
def(203, "SBX", "imm", 2, U);
def(235, "SBC", "imm", 2, U);
for (const opcode of [
	26,
	58,
	90,
	122,
	218,
	250
]) def(opcode, "NOP", "imp", 2, U);
for (const opcode of [
	128,
	130,
	137,
	194,
	226
]) def(opcode, "NOP", "imm", 2, U);
for (const opcode of [
	4,
	68,
	100
]) def(opcode, "NOP", "zp", 3, U);
for (const opcode of [
	20,
	52,
	84,
	116,
	212,
	244
]) def(opcode, "NOP", "zpx", 4, U);
def(12, "NOP", "abs", 4, U);
for (const opcode of [
	28,
	60,
	92,
	124,
	220,
	252
]) def(opcode, "NOP", "abx", 4, UPX);
for (const opcode of [
	2,
	18,
	34,
	50,
	66,
	82,
	98,
	114,
	146,
	178,
	210,
	242
]) def(opcode, "JAM", "imp", 2, U);
const OPCODES = Object.freeze(table);
const byMnemonicMode = /* @__PURE__ */ new Map();
for (const info of OPCODES) {
	if (info === void 0) continue;
	const key = `${info.mnemonic} ${info.mode}`;
	const existing = byMnemonicMode.get(key);
	if (existing === void 0 || existing.undocumented && !info.undocumented) byMnemonicMode.set(key, info);
}
/**
* The opcode for a mnemonic in an addressing mode, preferring the documented one (SBC #imm is $E9, not
* $EB; NOP implied is $EA). Among undocumented duplicates the lowest opcode wins. The mnemonic is matched
* case-insensitively.
*/
function findOpcode(mnemonic, mode) {
	return byMnemonicMode.get(`${mnemonic.toUpperCase()} ${mode}`);
}
// src-main/core/cpu/assembler/expression.ts
var ExpressionError = class extends Error {
	column;
	constructor(message, column) {
		super(message);
		this.column = column;
	}
};
/** Binary operators from loosest to tightest binding. Unary `- + ~ < >` bind tighter than all of them. */
const LEVELS = [
	["|"],
	["^"],
	["&"],
	["+", "-"],
	["*", "/"]
];
/** A cursor over a token list that expression parsing advances. */
var TokenStream = class {
	tokens;
	pos;
	constructor(tokens, pos = 0) {
		this.tokens = tokens;
		this.pos = pos;
	}
	peek(offset = 0) {
		const last = this.tokens[this.tokens.length - 1];
		const token = this.tokens[this.pos + offset] ?? last;
		if (!token) throw new Error("token stream has no end-of-line token");
		return token;
	}
	next() {
		const token = this.peek();
		if (this.pos < this.tokens.length - 1) this.pos++;
		return token;
	}
	isOp(text, offset = 0) {
		const token = this.peek(offset);
		return token.kind === "op" && token.text === text;
	}
	atEnd() {
		return this.peek().kind === "eol";
	}
};
function parseExpression(stream) {
	return parseLevel(stream, 0);
}
function parseLevel(stream, level) {
	const ops = LEVELS[level];
	if (!ops) return parseUnary(stream);
	let left = parseLevel(stream, level + 1);
	for (;;) {
		const token = stream.peek();
		if (token.kind !== "op" || !ops.includes(token.text)) return left;
		stream.next();
		const right = parseLevel(stream, level + 1);
		left = {
			kind: "binary",
			op: token.text,
			left,
			right,
			column: token.column
		};
	}
}
function parseUnary(stream) {
	const token = stream.peek();
	if (token.kind === "op" && [
		"-",
		"+",
		"~",
		"<",
		">"
	].includes(token.text)) {
		stream.next();
		return {
			kind: "unary",
			op: token.text,
			arg: parseUnary(stream),
			column: token.column
		};
	}
	return parsePrimary(stream);
}
function parsePrimary(stream) {
	const token = stream.next();
	switch (token.kind) {
		case "number": return {
			kind: "number",
			value: token.value,
			column: token.column
		};
		case "ident":
			if (token.text.startsWith(".")) throw new ExpressionError(`directive '${token.text}' cannot appear in an expression`, token.column);
			return {
				kind: "symbol",
				name: token.text,
				column: token.column
			};
		case "op":
			if (token.text === "*") return {
				kind: "pc",
				column: token.column
			};
			if (token.text === "(") {
				const inner = parseExpression(stream);
				const close = stream.next();
				if (close.kind !== "op" || close.text !== ")") throw new ExpressionError(`expected ')' to close the '(' at column ${token.column}`, close.column);
				return inner;
			}
			throw new ExpressionError(`expected a value but found '${token.text}'`, token.column);
		case "string": throw new ExpressionError("a string cannot be used as a number here", token.column);
		case "eol": throw new ExpressionError("expected a value but the line ended", token.column);
	}
}
/**
* Evaluates an expression. Returns undefined when a symbol is not defined yet (the caller decides whether that is
* an error: it is not in pass 1). Throws ExpressionError for division by zero.
*/
function evaluate(expr, ctx, missing) {
	switch (expr.kind) {
		case "number": return expr.value;
		case "pc": return ctx.pc;
		case "symbol": {
			const value = ctx.lookup(expr.name);
			if (value === void 0) missing?.(expr.name, expr.column);
			return value;
		}
		case "unary": {
			const arg = evaluate(expr.arg, ctx, missing);
			if (arg === void 0) return void 0;
			switch (expr.op) {
				case "-": return -arg;
				case "~": return ~arg;
				case "<": return arg & 255;
				case ">": return arg >> 8 & 255;
				default: return arg;
			}
		}
		case "binary": {
			const left = evaluate(expr.left, ctx, missing);
			const right = evaluate(expr.right, ctx, missing);
			if (left === void 0 || right === void 0) return void 0;
			switch (expr.op) {
				case "+": return left + right;
				case "-": return left - right;
				case "*": return left * right;
				case "/":
					if (right === 0) throw new ExpressionError("division by zero", expr.column);
					return Math.trunc(left / right);
				case "&": return left & right;
				case "|": return left | right;
				default: return left ^ right;
			}
		}
	}
}
// src-main/core/cpu/assembler/tokenizer.ts
const OPERATORS = /* @__PURE__ */ new Set([
	"+",
	"-",
	"*",
	"/",
	"&",
	"|",
	"^",
	"<",
	">",
	"~",
	"(",
	")",
	",",
	"#",
	"=",
	":"
]);
const ESCAPES = {
	n: 10,
	r: 13,
	t: 9,
	"0": 0,
	"\\": 92,
	"\"": 34,
	"'": 39
};
function isIdentStart(ch) {
	return /[A-Za-z_.@]/.test(ch);
}
function isIdentPart(ch) {
	return /[A-Za-z0-9_.@]/.test(ch);
}
/**
* Splits one source line into tokens. A `;` outside a string starts a comment. Identifiers may start with `.`
* (directives) or `@` (local labels). `$` and `%` introduce hex and binary numbers; `%` is never an operator.
*/
function tokenizeLine(line) {
	const tokens = [];
	const errors = [];
	let i = 0;
	const push = (kind, text, value, start) => {
		tokens.push({
			kind,
			text,
			value,
			column: start + 1
		});
	};
	while (i < line.length) {
		const ch = line[i] ?? "";
		const start = i;
		if (ch === ";") break;
		if (ch === " " || ch === "	" || ch === "\r") {
			i++;
			continue;
		}
		if (ch === "$" || ch === "%" || /[0-9]/.test(ch)) {
			const radix = ch === "$" ? 16 : ch === "%" ? 2 : 10;
			if (radix !== 10) i++;
			const digitPattern = radix === 16 ? /[0-9A-Fa-f]/ : radix === 2 ? /[01]/ : /[0-9]/;
			let digits = "";
			while (i < line.length && digitPattern.test(line[i] ?? "")) digits += line[i++];
			if (i < line.length && /[A-Za-z0-9_]/.test(line[i] ?? "")) {
				while (i < line.length && /[A-Za-z0-9_]/.test(line[i] ?? "")) digits += line[i++];
				errors.push({
					column: start + 1,
					message: `malformed number '${line.slice(start, i)}'`
				});
				push("number", line.slice(start, i), 0, start);
				continue;
			}
			if (digits === "") {
				errors.push({
					column: start + 1,
					message: `'${ch}' must be followed by ${radix === 16 ? "hex" : "binary"} digits`
				});
				push("number", ch, 0, start);
				continue;
			}
			push("number", line.slice(start, i), parseInt(digits, radix), start);
			continue;
		}
		if (isIdentStart(ch)) {
			i++;
			while (i < line.length && isIdentPart(line[i] ?? "")) i++;
			push("ident", line.slice(start, i), 0, start);
			continue;
		}
		if (ch === "\"" || ch === "'") {
			const quote = ch;
			i++;
			const codes = [];
			let closed = false;
			while (i < line.length) {
				const c = line[i] ?? "";
				if (c === quote) {
					closed = true;
					i++;
					break;
				}
				if (c === "\\") {
					const next = line[i + 1] ?? "";
					if (next === "x" && /^[0-9A-Fa-f]{2}$/.test(line.slice(i + 2, i + 4))) {
						codes.push(parseInt(line.slice(i + 2, i + 4), 16));
						i += 4;
						continue;
					}
					const code = ESCAPES[next];
					if (code === void 0) {
						errors.push({
							column: i + 1,
							message: `unknown escape '\\${next}'`
						});
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
			if (!closed) errors.push({
				column: start + 1,
				message: `unterminated ${quote === "\"" ? "string" : "character"}`
			});
			if (quote === "'") {
				if (codes.length !== 1) errors.push({
					column: start + 1,
					message: "a character constant holds exactly one character"
				});
				push("number", line.slice(start, i), codes[0] ?? 0, start);
			} else push("string", String.fromCharCode(...codes), 0, start);
			continue;
		}
		if (OPERATORS.has(ch)) {
			i++;
			push("op", ch, 0, start);
			continue;
		}
		errors.push({
			column: start + 1,
			message: `unexpected character '${ch}'`
		});
		i++;
	}
	tokens.push({
		kind: "eol",
		text: "",
		value: 0,
		column: Math.min(i, line.length) + 1
	});
	return {
		tokens,
		errors
	};
}
// src-main/core/cpu/assembler/assembler.ts
const MNEMONICS = new Set(OPCODES.flatMap((info) => info ? [info.mnemonic] : []));
const BRANCHES = /* @__PURE__ */ new Set([
	"BPL",
	"BMI",
	"BVC",
	"BVS",
	"BCC",
	"BCS",
	"BNE",
	"BEQ"
]);
const DIRECTIVES = /* @__PURE__ */ new Set([
	".org",
	".byte",
	".word",
	".text",
	".fill",
	".align",
	".include"
]);
const RESERVED = /* @__PURE__ */ new Set([
	...MNEMONICS,
	"A",
	"X",
	"Y"
]);
const MAX_INCLUDE_DEPTH = 16;
var Fail = class extends Error {
	column;
	constructor(message, column) {
		super(message);
		this.column = column;
	}
};
function hex$1(value, digits) {
	return "$" + (value >>> 0).toString(16).toUpperCase().padStart(digits, "0");
}
function dirname(path) {
	const slash = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
	return slash < 0 ? "" : path.slice(0, slash + 1);
}
function isAbsolute(path) {
	return /^([\\/]|[A-Za-z]:[\\/])/.test(path);
}
function joinPath(base, relative) {
	return normalize(isAbsolute(relative) || base === "" ? relative : base + relative);
}
function normalize(path) {
	const root = /^([A-Za-z]:)?[\\/]/.exec(path)?.[0].replace("\\", "/") ?? "";
	const parts = [];
	for (const part of path.slice(root.length).split(/[\\/]/)) {
		if (part === "" || part === ".") continue;
		if (part === ".." && parts.length > 0 && parts[parts.length - 1] !== "..") parts.pop();
		else if (part === ".." && root !== "") continue;
		else parts.push(part);
	}
	return root + parts.join("/");
}
/**
* A two-pass 6502 assembler. Pass 1 reads every line (following `.include`), fixes the size of each
* statement and the address of every label; pass 2 evaluates operands with all symbols known and emits bytes.
* An operand whose value is known and below $100 in pass 1 uses zero page; a forward reference uses the
* absolute form, so sizes never change between passes.
*/
function assemble(source, options = {}) {
	return new Assembler(options).run(source);
}
var Assembler = class {
	fileName;
	readFile;
	gapFill;
	errors = [];
	statements = [];
	symbols = /* @__PURE__ */ new Map();
	definedAt = /* @__PURE__ */ new Map();
	errorOrder = [];
	/** Index of the statement being parsed (pass 1) or emitted (pass 2), for sorting errors. */
	order = 0;
	pc = 0;
	scope = "";
	includeStack = [];
	constructor(options) {
		this.fileName = options.fileName ?? "input.asm";
		this.readFile = options.readFile;
		this.gapFill = (options.gapFill ?? 255) & 255;
	}
	run(source) {
		this.passOne(source, this.fileName);
		this.resolveConstants();
		const memory = /* @__PURE__ */ new Uint8Array(65536);
		const owner = (/* @__PURE__ */ new Int32Array(65536)).fill(-1);
		const listing = [];
		this.statements.forEach((statement, index) => {
			this.order = index;
			const bytes = this.emit(statement);
			const body = statement.body;
			const entry = {
				file: statement.loc.file,
				line: statement.loc.line,
				address: statement.size > 0 || statement.label || body.kind === "instruction" ? statement.address : void 0,
				bytes,
				source: statement.loc.source
			};
			const value = body.kind === "constant" ? this.symbols.get(body.name) : void 0;
			if (value !== void 0) entry.value = value;
			listing.push(entry);
			let overlapReported = false;
			bytes.forEach((byte, offset) => {
				const address = statement.address + offset;
				if (address > 65535) return;
				const other = this.statements[owner[address] ?? -1];
				if (other && !overlapReported) {
					overlapReported = true;
					this.error(statement.loc, 1, `address ${hex$1(address, 4)} is already used by ${other.loc.file}:${other.loc.line}`);
				}
				memory[address] = byte;
				owner[address] = index;
			});
		});
		const segments = [];
		let start = -1;
		for (let address = 0; address <= 65536; address++) {
			const used = address < 65536 && (owner[address] ?? -1) >= 0;
			if (used && start < 0) start = address;
			if (!used && start >= 0) {
				segments.push({
					address: start,
					bytes: memory.slice(start, address)
				});
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
			listing
		};
	}
	error(loc, column, message) {
		this.errors.push({
			file: loc.file,
			line: loc.line,
			column,
			message
		});
		this.errorOrder.push(this.order);
	}
	/** Errors in source order: pass 1 and pass 2 errors for one statement sit together. */
	sortedErrors() {
		return this.errors.map((error, index) => ({
			error,
			order: this.errorOrder[index] ?? 0,
			index
		})).sort((a, b) => a.order - b.order || a.index - b.index).map(({ error }) => error);
	}
	passOne(source, file) {
		this.includeStack.push(file);
		try {
			source.split(/\r\n|\n|\r/).forEach((text, index) => {
				const loc = {
					file,
					line: index + 1,
					source: text
				};
				this.order = this.statements.length;
				try {
					this.parseLine(loc);
				} catch (error) {
					if (!(error instanceof Fail || error instanceof ExpressionError)) throw error;
					this.error(loc, error.column, error.message);
					if (this.statements[this.statements.length - 1]?.loc !== loc) this.statements.push({
						loc,
						scope: this.scope,
						address: this.pc,
						size: 0,
						label: void 0,
						body: { kind: "none" }
					});
				}
			});
		} finally {
			this.includeStack.pop();
		}
	}
	qualify(name) {
		return name.startsWith("@") ? `${this.scope}${name}` : name;
	}
	lookupIn(scope) {
		return (name) => this.symbols.get(name.startsWith("@") ? `${scope}${name}` : name);
	}
	define(name, value, loc, column) {
		const key = this.qualify(name);
		if (RESERVED.has(name.toUpperCase())) throw new Fail(`'${name}' is a reserved word and cannot be a symbol name`, column);
		const previous = this.definedAt.get(key);
		if (previous) throw new Fail(`'${name}' is already defined at ${previous.file}:${previous.line}`, column);
		if (value !== void 0) this.symbols.set(key, value);
		this.definedAt.set(key, loc);
	}
	add(loc, label, size, body) {
		if (this.pc + size > 65536) this.error(loc, 1, `this statement runs past $FFFF (it starts at ${hex$1(this.pc, 4)})`);
		this.statements.push({
			loc,
			scope: this.scope,
			address: this.pc,
			size,
			label,
			body
		});
		this.pc += size;
	}
	parseLine(loc) {
		const { tokens, errors } = tokenizeLine(loc.source);
		const firstError = errors[0];
		if (firstError) {
			for (const e of errors.slice(1)) this.error(loc, e.column, e.message);
			throw new Fail(firstError.message, firstError.column);
		}
		const stream = new TokenStream(tokens);
		let label;
		const first = stream.peek();
		if (first.kind === "op" && first.text === "*" && stream.isOp("=", 1)) {
			stream.next();
			stream.next();
			this.setOrigin(stream, loc);
			return;
		}
		if (first.kind === "ident" && !first.text.startsWith(".")) {
			if (stream.isOp("=", 1)) {
				stream.next();
				stream.next();
				const expr = parseExpression(stream);
				this.expectEnd(stream);
				const value = this.tryEvaluate(expr);
				this.define(first.text, value, loc, first.column);
				this.add(loc, void 0, 0, {
					kind: "constant",
					name: this.qualify(first.text),
					expr,
					column: first.column
				});
				return;
			}
			const colon = stream.isOp(":", 1);
			const isKeyword = MNEMONICS.has(first.text.toUpperCase());
			if (colon || first.column === 1 && !isKeyword) {
				stream.next();
				if (colon) stream.next();
				if (!first.text.startsWith("@")) this.scope = first.text;
				this.define(first.text, this.pc, loc, first.column);
				label = {
					name: this.qualify(first.text),
					column: first.column
				};
			}
		}
		const word = stream.peek();
		if (word.kind === "eol") {
			this.add(loc, label, 0, { kind: "none" });
			return;
		}
		if (word.kind !== "ident") {
			if (label && !stream.isOp(":", -1)) throw new Fail(`unknown instruction '${first.text}'`, first.column);
			throw new Fail(`expected an instruction or directive, found '${word.text}'`, word.column);
		}
		stream.next();
		const name = word.text.toLowerCase();
		if (name.startsWith(".")) {
			this.parseDirective(name, word, stream, loc, label);
			return;
		}
		const mnemonic = word.text.toUpperCase();
		if (!MNEMONICS.has(mnemonic)) {
			if (stream.isOp("=")) throw new Fail(`constant '${word.text}' must start the line`, word.column);
			throw new Fail(`unknown instruction '${word.text}'`, word.column);
		}
		this.parseInstruction(mnemonic, word, stream, loc, label);
	}
	expectEnd(stream) {
		const token = stream.peek();
		if (token.kind !== "eol") throw new Fail(`unexpected '${token.text}' after the end of the statement`, token.column);
	}
	tryEvaluate(expr) {
		return evaluate(expr, {
			lookup: this.lookupIn(this.scope),
			pc: this.pc
		});
	}
	requireKnown(expr, column, what) {
		const missing = [];
		const value = evaluate(expr, {
			lookup: this.lookupIn(this.scope),
			pc: this.pc
		}, (name) => missing.push(name));
		if (value === void 0) throw new Fail(`${what} must be known in pass 1, but '${missing[0] ?? "?"}' is not defined yet`, column);
		return value;
	}
	setOrigin(stream, loc) {
		const column = stream.peek().column;
		const value = this.requireKnown(parseExpression(stream), column, "the origin");
		this.expectEnd(stream);
		if (value < 0 || value > 65535) throw new Fail(`origin ${value} is outside $0000-$FFFF`, column);
		this.add(loc, void 0, 0, { kind: "none" });
		this.pc = value;
	}
	parseDirective(name, word, stream, loc, label) {
		switch (name) {
			case ".org":
				if (label) throw new Fail("a label cannot share a line with .org (put it on the next line)", label.column);
				this.setOrigin(stream, loc);
				return;
			case ".byte":
			case ".text":
			case ".word": {
				const width = name === ".word" ? 2 : 1;
				const items = [];
				let size = 0;
				do {
					const token = stream.peek();
					if (token.kind === "string") {
						if (width === 2) throw new Fail(".word does not take strings", token.column);
						stream.next();
						items.push({
							kind: "string",
							text: token.text
						});
						size += token.text.length;
					} else {
						items.push({
							kind: "expr",
							expr: parseExpression(stream)
						});
						size += width;
					}
				} while (stream.isOp(",") && stream.next());
				this.expectEnd(stream);
				this.add(loc, label, size, {
					kind: "data",
					width,
					items
				});
				return;
			}
			case ".fill": {
				const column = stream.peek().column;
				const count = this.requireKnown(parseExpression(stream), column, "the .fill count");
				let value;
				if (stream.isOp(",")) {
					stream.next();
					value = parseExpression(stream);
				}
				this.expectEnd(stream);
				if (count < 0 || count > 65536) throw new Fail(`.fill count ${count} is outside 0-65536`, column);
				this.add(loc, label, count, {
					kind: "fill",
					count,
					value
				});
				return;
			}
			case ".align": {
				const column = stream.peek().column;
				const boundary = this.requireKnown(parseExpression(stream), column, "the .align boundary");
				let value;
				if (stream.isOp(",")) {
					stream.next();
					value = parseExpression(stream);
				}
				this.expectEnd(stream);
				if (boundary < 1 || boundary > 65536) throw new Fail(`.align boundary ${boundary} is outside 1-65536`, column);
				const count = (boundary - this.pc % boundary) % boundary;
				if (label) this.symbols.set(label.name, this.pc + count);
				this.add(loc, label, count, {
					kind: "fill",
					count,
					value
				});
				return;
			}
			case ".include": {
				const token = stream.next();
				if (token.kind !== "string") throw new Fail(".include needs a file name in double quotes", token.column);
				this.expectEnd(stream);
				if (label) this.add(loc, label, 0, { kind: "none" });
				if (!this.readFile) throw new Fail(`cannot include '${token.text}': no file reader was given`, token.column);
				if (this.includeStack.length >= MAX_INCLUDE_DEPTH) throw new Fail(`includes are nested more than ${MAX_INCLUDE_DEPTH} deep`, token.column);
				const path = joinPath(dirname(loc.file), token.text);
				if (this.includeStack.includes(path)) throw new Fail(`'${path}' includes itself (${[...this.includeStack, path].join(" -> ")})`, token.column);
				const text = this.readFile(path);
				if (text === void 0) throw new Fail(`cannot read included file '${path}'`, token.column);
				this.add(loc, void 0, 0, { kind: "none" });
				this.passOne(text, path);
				return;
			}
			default: throw new Fail(`unknown directive '${word.text}' (known: ${[...DIRECTIVES].join(" ")})`, word.column);
		}
	}
	parseInstruction(mnemonic, word, stream, loc, label) {
		const operandColumn = stream.peek().column;
		const { modes, operand } = this.parseOperand(mnemonic, stream);
		this.expectEnd(stream);
		const info = this.chooseOpcode(mnemonic, modes, operand);
		if (!info) throw new Fail(`${mnemonic} has no ${describeModes(modes)} addressing mode`, modes.length ? operandColumn : word.column);
		this.add(loc, label, info.bytes, {
			kind: "instruction",
			info,
			operand,
			operandColumn
		});
	}
	parseOperand(mnemonic, stream) {
		const first = stream.peek();
		if (first.kind === "eol") return {
			modes: ["imp", "acc"],
			operand: void 0
		};
		if (first.kind === "ident" && first.text.toUpperCase() === "A" && stream.peek(1).kind === "eol") {
			stream.next();
			return {
				modes: ["acc"],
				operand: void 0
			};
		}
		if (first.kind === "op" && first.text === "#") {
			stream.next();
			return {
				modes: ["imm"],
				operand: parseExpression(stream)
			};
		}
		if (BRANCHES.has(mnemonic)) return {
			modes: ["rel"],
			operand: parseExpression(stream)
		};
		if (first.kind === "op" && first.text === "(") {
			const start = stream.pos;
			stream.next();
			const inner = parseExpression(stream);
			if (stream.isOp(",") && this.isRegister(stream.peek(1), "X") && stream.isOp(")", 2)) {
				stream.next();
				stream.next();
				stream.next();
				return {
					modes: ["izx"],
					operand: inner
				};
			}
			if (stream.isOp(")")) {
				const after = stream.peek(1);
				if (after.kind === "op" && after.text === "," && this.isRegister(stream.peek(2), "Y")) {
					stream.next();
					stream.next();
					stream.next();
					return {
						modes: ["izy"],
						operand: inner
					};
				}
				if (after.kind === "eol" && mnemonic === "JMP") {
					stream.next();
					return {
						modes: ["ind"],
						operand: inner
					};
				}
			}
			stream.pos = start;
		}
		const operand = parseExpression(stream);
		if (stream.isOp(",")) {
			stream.next();
			const register = stream.next();
			if (this.isRegister(register, "X")) return {
				modes: ["zpx", "abx"],
				operand
			};
			if (this.isRegister(register, "Y")) return {
				modes: ["zpy", "aby"],
				operand
			};
			throw new Fail(`expected X or Y after ',' but found '${register.text}'`, register.column);
		}
		return {
			modes: ["zp", "abs"],
			operand
		};
	}
	isRegister(token, register) {
		return token.kind === "ident" && token.text.toUpperCase() === register;
	}
	chooseOpcode(mnemonic, modes, operand) {
		const candidates = modes.flatMap((mode) => {
			const info = findOpcode(mnemonic, mode);
			return info ? [info] : [];
		});
		const [zeroPage, absolute] = candidates;
		if (candidates.length < 2 || !zeroPage || !absolute) return candidates[0];
		if (zeroPage.mode === "imp") return zeroPage;
		const value = operand ? this.tryEvaluate(operand) : void 0;
		return value !== void 0 && value >= 0 && value <= 255 ? zeroPage : absolute;
	}
	resolveConstants() {
		const pending = this.statements.filter((s) => s.body.kind === "constant" && !this.symbols.has(s.body.name));
		let progress = true;
		while (progress && pending.length > 0) {
			progress = false;
			for (let i = pending.length - 1; i >= 0; i--) {
				const statement = pending[i];
				if (!statement || statement.body.kind !== "constant") continue;
				let value;
				try {
					value = evaluate(statement.body.expr, {
						lookup: this.lookupIn(statement.scope),
						pc: statement.address
					});
				} catch {
					value = void 0;
				}
				if (value !== void 0) {
					this.symbols.set(statement.body.name, value);
					pending.splice(i, 1);
					progress = true;
				}
			}
		}
	}
	value(statement, expr, pc = statement.address) {
		const missing = [];
		try {
			const value = evaluate(expr, {
				lookup: this.lookupIn(statement.scope),
				pc
			}, (name, column) => missing.push({
				name,
				column
			}));
			for (const m of missing) this.error(statement.loc, m.column, `undefined symbol '${m.name}'`);
			return value;
		} catch (error) {
			if (error instanceof ExpressionError) {
				this.error(statement.loc, error.column, error.message);
				return;
			}
			throw error;
		}
	}
	emit(statement) {
		const body = statement.body;
		switch (body.kind) {
			case "none": return [];
			case "constant":
				if (!this.symbols.has(body.name)) this.value(statement, body.expr);
				return [];
			case "fill": {
				const value = body.value ? this.checkedByte(statement, body.value) : 0;
				return new Array(body.count).fill(value);
			}
			case "data": {
				const bytes = [];
				for (const item of body.items) if (item.kind === "string") for (const ch of item.text) bytes.push(ch.charCodeAt(0) & 255);
				else if (body.width === 1) bytes.push(this.checkedByte(statement, item.expr));
				else {
					const value = this.value(statement, item.expr) ?? 0;
					if (value < -32768 || value > 65535) this.error(statement.loc, item.expr.column, `value ${hex$1(value, 4)} does not fit in a word`);
					bytes.push(value & 255, value >> 8 & 255);
				}
				return bytes;
			}
			case "instruction": return this.emitInstruction(statement, body.info, body.operand, body.operandColumn);
		}
	}
	checkedByte(statement, expr) {
		const value = this.value(statement, expr) ?? 0;
		if (value < -128 || value > 255) this.error(statement.loc, expr.column, `value ${value} (${hex$1(value & 65535, 4)}) does not fit in a byte`);
		return value & 255;
	}
	emitInstruction(statement, info, operand, column) {
		if (!operand) return [info.opcode];
		const value = this.value(statement, operand);
		if (value === void 0) return [info.opcode, ...new Array(info.bytes - 1).fill(0)];
		switch (info.mode) {
			case "imm": return [info.opcode, this.checkedByte(statement, operand)];
			case "rel": {
				const offset = value - (statement.address + 2);
				if (value < 0 || value > 65535) this.error(statement.loc, column, `branch target ${value} is outside $0000-$FFFF`);
				else if (offset < -128 || offset > 127) this.error(statement.loc, column, `branch target ${hex$1(value, 4)} is out of range (${offset} bytes; a branch reaches -128..+127)`);
				return [info.opcode, offset & 255];
			}
			case "zp":
			case "zpx":
			case "zpy":
			case "izx":
			case "izy":
				if (value < 0 || value > 255) this.error(statement.loc, column, `${info.mnemonic} ${MODE_NAMES[info.mode]} needs a zero-page address, not ${hex$1(value & 65535, 4)}`);
				return [info.opcode, value & 255];
			default:
				if (value < 0 || value > 65535) this.error(statement.loc, column, `address ${value} is outside $0000-$FFFF`);
				return [
					info.opcode,
					value & 255,
					value >> 8 & 255
				];
		}
	}
};
const MODE_NAMES = {
	imp: "implied",
	acc: "accumulator",
	imm: "immediate (#)",
	zp: "zero page",
	zpx: "zero page,X",
	zpy: "zero page,Y",
	abs: "absolute",
	abx: "absolute,X",
	aby: "absolute,Y",
	ind: "indirect",
	izx: "(zero page,X)",
	izy: "(zero page),Y",
	rel: "relative"
};
function describeModes(modes) {
	return modes.map((mode) => MODE_NAMES[mode]).join(" or ");
}
function formatError(error) {
	return `${error.file}:${error.line}:${error.column}: error: ${error.message}`;
}
function formatListing(listing) {
	const out = [];
	let file;
	for (const line of listing) {
		if (line.file !== file) {
			if (file !== void 0 || listing.some((other) => other.file !== line.file)) out.push(`; ---- ${line.file}`);
			file = line.file;
		}
		const address = line.value !== void 0 ? "=" + (line.value & 65535).toString(16).toUpperCase().padStart(4, "0") : line.address === void 0 ? "    " : line.address.toString(16).toUpperCase().padStart(4, "0");
		const rows = [];
		for (let i = 0; i < line.bytes.length && rows.length < 4; i += 3) rows.push(line.bytes.slice(i, i + 3));
		const fmt = (bytes) => bytes.map((b) => b.toString(16).toUpperCase().padStart(2, "0")).join(" ").padEnd(8, " ");
		out.push(`${String(line.line).padStart(5)}  ${address.padEnd(5)} ${fmt(rows[0] ?? [])}  ${line.source}`);
		rows.slice(1).forEach((row, index) => {
			const rowAddress = ((line.address ?? 0) + 3 * (index + 1)).toString(16).toUpperCase().padStart(4, "0");
			out.push(`       ${rowAddress}  ${fmt(row)}`.trimEnd());
		});
		if (line.bytes.length > 12) out.push(`             ... ${line.bytes.length} bytes in all`);
		out[out.length - 1] = (out[out.length - 1] ?? "").trimEnd();
	}
	return out.join("\n") + "\n";
}
/** The main source file; its includes are named relative to it. */
const LAB_MONITOR_SOURCE = "lab-monitor.asm";
var LabMonitorBuildError = class extends Error {
	name = "LabMonitorBuildError";
};
/**
* Assembles the Lab Monitor from its sources. `readFile` gets names relative to the ROM source folder
* (`lab-monitor.asm`, `screen.asm`, ...). Throws LabMonitorBuildError listing every assembly error, or when
* the result does not fill exactly $F800-$FFFF.
*/
function assembleLabMonitor(readFile) {
	const source = readFile(LAB_MONITOR_SOURCE);
	if (source === void 0) throw new LabMonitorBuildError(`cannot read ${LAB_MONITOR_SOURCE}`);
	const assembly = assemble(source, {
		fileName: LAB_MONITOR_SOURCE,
		readFile,
		gapFill: 255
	});
	if (!assembly.ok) throw new LabMonitorBuildError(`the Lab Monitor does not assemble:\n${assembly.errors.map(formatError).join("\n")}`);
	if (assembly.origin !== 63488 || assembly.image.length !== 2048) {
		const end = assembly.origin + assembly.image.length - 1;
		throw new LabMonitorBuildError(`the Lab Monitor must fill $F800-$FFFF but covers $${hex(assembly.origin)}-$${hex(end)}`);
	}
	return {
		rom: assembly.image,
		symbols: assembly.symbols,
		listing: formatListing(assembly.listing),
		assembly
	};
}
function hex(value) {
	return value.toString(16).toUpperCase().padStart(4, "0");
}
// src-main/core/inspector/labels.ts
const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
function isLabelName(name) {
	return NAME.test(name);
}
/** Writes labels as a VICE label file, by address then name, one `al C:xxxx .name` a line. */
function formatLabelFile(labels) {
	return [...labels].sort((a, b) => a.address - b.address || a.name.localeCompare(b.name)).map((l) => `al C:${l.address.toString(16).padStart(4, "0")} .${l.name}\n`).join("");
}
/** A symbol table (e.g. the Lab Monitor's) as labels, keeping only names a label file can hold. */
function symbolLabels(symbols) {
	return [...symbols].filter(([name, address]) => isLabelName(name) && Number.isInteger(address) && address >= 0 && address <= 65535).map(([name, address]) => ({
		address,
		name
	}));
}
// electron.vite.config.ts
/** Assembles our own monitor ROM with our assembler into out/rom/ as part of every build. */
function labMonitorRom() {
	return {
		name: "lab-monitor-rom",
		closeBundle() {
			const build = assembleLabMonitor((name) => {
				try {
					return readFileSync(resolve("src-main/rom", name), "utf8");
				} catch {
					return;
				}
			});
			mkdirSync(resolve("out/rom"), { recursive: true });
			writeFileSync(resolve("out/rom/lab-monitor.bin"), build.rom);
			writeFileSync(resolve("out/rom/lab-monitor.lst"), build.listing);
			writeFileSync(resolve("out/rom/lab-monitor.labels"), formatLabelFile(symbolLabels(build.symbols)));
		}
	};
}
/**
* Writes out/main/package.json marking the main side's files as ES modules, so the workers the packaged app
* starts from app.asar.unpacked (outside the app's own package.json) load as modules there too.
*/
function moduleScope() {
	return {
		name: "module-scope",
		closeBundle() {
			writeFileSync(resolve("out/main/package.json"), "{ \"type\": \"module\" }\n");
		}
	};
}
var electron_vite_config_default = defineConfig({
	main: {
		plugins: [labMonitorRom(), moduleScope()],
		build: {
			outDir: "out/main",
			rollupOptions: { input: {
				index: resolve("src-main/app/main.ts"),
				web: resolve("src-main/web/main.ts"),
				cli: resolve("src-main/cli/main.ts"),
				"emulator-worker": resolve("src-main/services/emulator/emulator-worker.ts"),
				"tape-worker": resolve("src-main/services/tapes/tape-worker.ts"),
				"decode-worker": resolve("src-main/services/tapes/decode-worker.ts"),
				"audio-worker": resolve("src-main/services/audio/audio-worker.ts"),
				"library-worker": resolve("src-main/services/library/decode-worker.ts"),
				"farm-worker": resolve("src-main/services/farm/farm-thread.ts")
			} }
		}
	},
	preload: { build: {
		outDir: "out/preload",
		externalizeDeps: false,
		rollupOptions: {
			input: { preload: resolve("src-main/app/preload.ts") },
			output: {
				format: "cjs",
				entryFileNames: "[name].cjs",
				codeSplitting: false
			}
		}
	} },
	renderer: {
		root: "src-renderer",
		plugins: [svelte({ configFile: resolve("svelte.config.js") })],
		build: {
			outDir: "out/renderer",
			rollupOptions: { input: resolve("src-renderer/index.html") }
		}
	}
});
export { electron_vite_config_default as default };

//# sourceMappingURL=data:application/json;charset=utf-8;base64,eyJ2ZXJzaW9uIjozLCJmaWxlIjoiZWxlY3Ryb24udml0ZS5jb25maWcuanMiLCJuYW1lcyI6WyJoZXgiXSwic291cmNlcyI6WyIvd29yay93YXZlb3Blbi9zcmMtbWFpbi9jb3JlL2NwdS9vcGNvZGVzLnRzIiwiL3dvcmsvd2F2ZW9wZW4vc3JjLW1haW4vY29yZS9jcHUvYXNzZW1ibGVyL2V4cHJlc3Npb24udHMiLCIvd29yay93YXZlb3Blbi9zcmMtbWFpbi9jb3JlL2NwdS9hc3NlbWJsZXIvdG9rZW5pemVyLnRzIiwiL3dvcmsvd2F2ZW9wZW4vc3JjLW1haW4vY29yZS9jcHUvYXNzZW1ibGVyL2Fzc2VtYmxlci50cyIsIi93b3JrL3dhdmVvcGVuL3NyYy1tYWluL3JvbS9sYWItbW9uaXRvci50cyIsIi93b3JrL3dhdmVvcGVuL3NyYy1tYWluL2NvcmUvaW5zcGVjdG9yL2xhYmVscy50cyIsIi93b3JrL3dhdmVvcGVuL2VsZWN0cm9uLnZpdGUuY29uZmlnLnRzIl0sInNvdXJjZXNDb250ZW50IjpbIi8qKlxuICogVGhlIE5NT1MgNjUwMiBvcGNvZGUgdGFibGU6IHRoZSBvbmUgZGVjbGFyYXRpb24gb2YgbW5lbW9uaWMsIGFkZHJlc3NpbmcgbW9kZSwgbGVuZ3RoIGFuZCBiYXNlIGN5Y2xlIGNvdW50XG4gKiB0aGF0IHRoZSBDUFUsIHRoZSBkaXNhc3NlbWJsZXIgYW5kIHRoZSBhc3NlbWJsZXIgYWxsIHJlYWQuIEN5Y2xlIGNvdW50cyBhcmUgdGhlIE1PUyBkYXRhc2hlZXQnczsgdGhlXG4gKiB1bmRvY3VtZW50ZWQgb3Bjb2RlcyBmb2xsb3cgdGhlIGNvbW1vbiBcIk5NT1MgNjUxMCBVbmludGVuZGVkIE9wY29kZXNcIiBuYW1pbmcgKExBWCwgU0FYLCBEQ1AsIElTQywgLi4uKS5cbiAqL1xuXG5leHBvcnQgdHlwZSBBZGRyZXNzaW5nTW9kZSA9XG4gICdpbXAnIHwgJ2FjYycgfCAnaW1tJyB8ICd6cCcgfCAnenB4JyB8ICd6cHknIHwgJ2FicycgfCAnYWJ4JyB8ICdhYnknIHwgJ2luZCcgfCAnaXp4JyB8ICdpenknIHwgJ3JlbCc7XG5cbmV4cG9ydCBpbnRlcmZhY2UgT3Bjb2RlSW5mbyB7XG4gIHJlYWRvbmx5IG9wY29kZTogbnVtYmVyO1xuICAvKiogVXBwZXIgY2FzZSwgZS5nLiAnTERBJy4gVW5kb2N1bWVudGVkIG9wY29kZXMgdXNlIHRoZWlyIGNvbW1vbiBuYW1lcyAoTEFYLCBTQVgsIERDUCwgSVNDLCBKQU0sIC4uLikuICovXG4gIHJlYWRvbmx5IG1uZW1vbmljOiBzdHJpbmc7XG4gIHJlYWRvbmx5IG1vZGU6IEFkZHJlc3NpbmdNb2RlO1xuICAvKiogSW5zdHJ1Y3Rpb24gbGVuZ3RoIGluY2x1ZGluZyB0aGUgb3Bjb2RlIGJ5dGUgKEJSSyBjb3VudHMgYXMgMTsgdGhlIENQVSBza2lwcyBhIHNpZ25hdHVyZSBieXRlKS4gKi9cbiAgcmVhZG9ubHkgYnl0ZXM6IG51bWJlcjtcbiAgLyoqIEN5Y2xlcyB3aXRob3V0IHBhZ2UtY3Jvc3Mgb3IgYnJhbmNoIHBlbmFsdGllcy4gKi9cbiAgcmVhZG9ubHkgY3ljbGVzOiBudW1iZXI7XG4gIC8qKlxuICAgKiArMSBjeWNsZSB3aGVuIHRoZSBpbmRleGVkIGFkZHJlc3MgY3Jvc3NlcyBhIHBhZ2UgKHJlYWRzIHRocm91Z2ggYWJzLFggLyBhYnMsWSAvICh6cCksWSkuIEJyYW5jaGVzIGFyZVxuICAgKiBub3QgZmxhZ2dlZDogYSB0YWtlbiBicmFuY2ggYWRkcyAxIGN5Y2xlIGFuZCAxIG1vcmUgd2hlbiBpdCBsYW5kcyBpbiBhbm90aGVyIHBhZ2UuXG4gICAqL1xuICByZWFkb25seSBwYWdlQ3Jvc3NQZW5hbHR5OiBib29sZWFuO1xuICByZWFkb25seSB1bmRvY3VtZW50ZWQ6IGJvb2xlYW47XG59XG5cbmV4cG9ydCBjb25zdCBPUEVSQU5EX0JZVEVTOiBSZWFkb25seTxSZWNvcmQ8QWRkcmVzc2luZ01vZGUsIG51bWJlcj4+ID0ge1xuICBpbXA6IDAsXG4gIGFjYzogMCxcbiAgaW1tOiAxLFxuICB6cDogMSxcbiAgenB4OiAxLFxuICB6cHk6IDEsXG4gIGFiczogMixcbiAgYWJ4OiAyLFxuICBhYnk6IDIsXG4gIGluZDogMixcbiAgaXp4OiAxLFxuICBpenk6IDEsXG4gIHJlbDogMSxcbn07XG5cbmNvbnN0IHRhYmxlOiAoT3Bjb2RlSW5mbyB8IHVuZGVmaW5lZClbXSA9IG5ldyBBcnJheTxPcGNvZGVJbmZvIHwgdW5kZWZpbmVkPigyNTYpLmZpbGwodW5kZWZpbmVkKTtcblxuZnVuY3Rpb24gZGVmKFxuICBvcGNvZGU6IG51bWJlcixcbiAgbW5lbW9uaWM6IHN0cmluZyxcbiAgbW9kZTogQWRkcmVzc2luZ01vZGUsXG4gIGN5Y2xlczogbnVtYmVyLFxuICBmbGFnczogeyBwYWdlQ3Jvc3M/OiBib29sZWFuOyB1bmRvY3VtZW50ZWQ/OiBib29sZWFuIH0gPSB7fSxcbik6IHZvaWQge1xuICBpZiAodGFibGVbb3Bjb2RlXSAhPT0gdW5kZWZpbmVkKSB0aHJvdyBuZXcgRXJyb3IoYG9wY29kZSAkJHtvcGNvZGUudG9TdHJpbmcoMTYpfSBpcyBkZWZpbmVkIHR3aWNlYCk7XG4gIHRhYmxlW29wY29kZV0gPSBPYmplY3QuZnJlZXplKHtcbiAgICBvcGNvZGUsXG4gICAgbW5lbW9uaWMsXG4gICAgbW9kZSxcbiAgICBieXRlczogMSArIE9QRVJBTkRfQllURVNbbW9kZV0sXG4gICAgY3ljbGVzLFxuICAgIHBhZ2VDcm9zc1BlbmFsdHk6IGZsYWdzLnBhZ2VDcm9zcyA/PyBmYWxzZSxcbiAgICB1bmRvY3VtZW50ZWQ6IGZsYWdzLnVuZG9jdW1lbnRlZCA/PyBmYWxzZSxcbiAgfSk7XG59XG5cbmNvbnN0IFBYID0geyBwYWdlQ3Jvc3M6IHRydWUgfTtcbmNvbnN0IFUgPSB7IHVuZG9jdW1lbnRlZDogdHJ1ZSB9O1xuY29uc3QgVVBYID0geyB1bmRvY3VtZW50ZWQ6IHRydWUsIHBhZ2VDcm9zczogdHJ1ZSB9O1xuXG4vKiogVGhlIGVpZ2h0IHJlYWQtc3R5bGUgQUxVIGdyb3VwcyBzaGFyZSBvbmUgbGF5b3V0OiBbaW1tLCB6cCwgenB4LCBhYnMsIGFieCwgYWJ5LCBpengsIGl6eV0uICovXG5mdW5jdGlvbiBhbHVHcm91cChtbmVtb25pYzogc3RyaW5nLCBiYXNlOiBudW1iZXIpOiB2b2lkIHtcbiAgZGVmKGJhc2UgKyAweDA5LCBtbmVtb25pYywgJ2ltbScsIDIpO1xuICBkZWYoYmFzZSArIDB4MDUsIG1uZW1vbmljLCAnenAnLCAzKTtcbiAgZGVmKGJhc2UgKyAweDE1LCBtbmVtb25pYywgJ3pweCcsIDQpO1xuICBkZWYoYmFzZSArIDB4MGQsIG1uZW1vbmljLCAnYWJzJywgNCk7XG4gIGRlZihiYXNlICsgMHgxZCwgbW5lbW9uaWMsICdhYngnLCA0LCBQWCk7XG4gIGRlZihiYXNlICsgMHgxOSwgbW5lbW9uaWMsICdhYnknLCA0LCBQWCk7XG4gIGRlZihiYXNlICsgMHgwMSwgbW5lbW9uaWMsICdpengnLCA2KTtcbiAgZGVmKGJhc2UgKyAweDExLCBtbmVtb25pYywgJ2l6eScsIDUsIFBYKTtcbn1cbmFsdUdyb3VwKCdPUkEnLCAweDAwKTtcbmFsdUdyb3VwKCdBTkQnLCAweDIwKTtcbmFsdUdyb3VwKCdFT1InLCAweDQwKTtcbmFsdUdyb3VwKCdBREMnLCAweDYwKTtcbmFsdUdyb3VwKCdMREEnLCAweGEwKTtcbmFsdUdyb3VwKCdDTVAnLCAweGMwKTtcbmFsdUdyb3VwKCdTQkMnLCAweGUwKTtcblxuZGVmKDB4ODUsICdTVEEnLCAnenAnLCAzKTtcbmRlZigweDk1LCAnU1RBJywgJ3pweCcsIDQpO1xuZGVmKDB4OGQsICdTVEEnLCAnYWJzJywgNCk7XG5kZWYoMHg5ZCwgJ1NUQScsICdhYngnLCA1KTtcbmRlZigweDk5LCAnU1RBJywgJ2FieScsIDUpO1xuZGVmKDB4ODEsICdTVEEnLCAnaXp4JywgNik7XG5kZWYoMHg5MSwgJ1NUQScsICdpenknLCA2KTtcblxuLyoqIFNoaWZ0cywgcm90YXRlcywgSU5DIGFuZCBERUM6IFthY2M/LCB6cCwgenB4LCBhYnMsIGFieF0uICovXG5mdW5jdGlvbiBybXdHcm91cChtbmVtb25pYzogc3RyaW5nLCBiYXNlOiBudW1iZXIsIGhhc0FjYzogYm9vbGVhbik6IHZvaWQge1xuICBpZiAoaGFzQWNjKSBkZWYoYmFzZSArIDB4MGEsIG1uZW1vbmljLCAnYWNjJywgMik7XG4gIGRlZihiYXNlICsgMHgwNiwgbW5lbW9uaWMsICd6cCcsIDUpO1xuICBkZWYoYmFzZSArIDB4MTYsIG1uZW1vbmljLCAnenB4JywgNik7XG4gIGRlZihiYXNlICsgMHgwZSwgbW5lbW9uaWMsICdhYnMnLCA2KTtcbiAgZGVmKGJhc2UgKyAweDFlLCBtbmVtb25pYywgJ2FieCcsIDcpO1xufVxucm13R3JvdXAoJ0FTTCcsIDB4MDAsIHRydWUpO1xucm13R3JvdXAoJ1JPTCcsIDB4MjAsIHRydWUpO1xucm13R3JvdXAoJ0xTUicsIDB4NDAsIHRydWUpO1xucm13R3JvdXAoJ1JPUicsIDB4NjAsIHRydWUpO1xucm13R3JvdXAoJ0RFQycsIDB4YzAsIGZhbHNlKTtcbnJtd0dyb3VwKCdJTkMnLCAweGUwLCBmYWxzZSk7XG5cbmRlZigweGEyLCAnTERYJywgJ2ltbScsIDIpO1xuZGVmKDB4YTYsICdMRFgnLCAnenAnLCAzKTtcbmRlZigweGI2LCAnTERYJywgJ3pweScsIDQpO1xuZGVmKDB4YWUsICdMRFgnLCAnYWJzJywgNCk7XG5kZWYoMHhiZSwgJ0xEWCcsICdhYnknLCA0LCBQWCk7XG5kZWYoMHhhMCwgJ0xEWScsICdpbW0nLCAyKTtcbmRlZigweGE0LCAnTERZJywgJ3pwJywgMyk7XG5kZWYoMHhiNCwgJ0xEWScsICd6cHgnLCA0KTtcbmRlZigweGFjLCAnTERZJywgJ2FicycsIDQpO1xuZGVmKDB4YmMsICdMRFknLCAnYWJ4JywgNCwgUFgpO1xuZGVmKDB4ODYsICdTVFgnLCAnenAnLCAzKTtcbmRlZigweDk2LCAnU1RYJywgJ3pweScsIDQpO1xuZGVmKDB4OGUsICdTVFgnLCAnYWJzJywgNCk7XG5kZWYoMHg4NCwgJ1NUWScsICd6cCcsIDMpO1xuZGVmKDB4OTQsICdTVFknLCAnenB4JywgNCk7XG5kZWYoMHg4YywgJ1NUWScsICdhYnMnLCA0KTtcbmRlZigweGUwLCAnQ1BYJywgJ2ltbScsIDIpO1xuZGVmKDB4ZTQsICdDUFgnLCAnenAnLCAzKTtcbmRlZigweGVjLCAnQ1BYJywgJ2FicycsIDQpO1xuZGVmKDB4YzAsICdDUFknLCAnaW1tJywgMik7XG5kZWYoMHhjNCwgJ0NQWScsICd6cCcsIDMpO1xuZGVmKDB4Y2MsICdDUFknLCAnYWJzJywgNCk7XG5kZWYoMHgyNCwgJ0JJVCcsICd6cCcsIDMpO1xuZGVmKDB4MmMsICdCSVQnLCAnYWJzJywgNCk7XG5cbmNvbnN0IGJyYW5jaGVzOiByZWFkb25seSBbbnVtYmVyLCBzdHJpbmddW10gPSBbXG4gIFsweDEwLCAnQlBMJ10sXG4gIFsweDMwLCAnQk1JJ10sXG4gIFsweDUwLCAnQlZDJ10sXG4gIFsweDcwLCAnQlZTJ10sXG4gIFsweDkwLCAnQkNDJ10sXG4gIFsweGIwLCAnQkNTJ10sXG4gIFsweGQwLCAnQk5FJ10sXG4gIFsweGYwLCAnQkVRJ10sXG5dO1xuZm9yIChjb25zdCBbb3Bjb2RlLCBtbmVtb25pY10gb2YgYnJhbmNoZXMpIGRlZihvcGNvZGUsIG1uZW1vbmljLCAncmVsJywgMik7XG5cbmRlZigweDAwLCAnQlJLJywgJ2ltcCcsIDcpO1xuZGVmKDB4MjAsICdKU1InLCAnYWJzJywgNik7XG5kZWYoMHg0MCwgJ1JUSScsICdpbXAnLCA2KTtcbmRlZigweDYwLCAnUlRTJywgJ2ltcCcsIDYpO1xuZGVmKDB4NGMsICdKTVAnLCAnYWJzJywgMyk7XG5kZWYoMHg2YywgJ0pNUCcsICdpbmQnLCA1KTtcbmRlZigweDA4LCAnUEhQJywgJ2ltcCcsIDMpO1xuZGVmKDB4NDgsICdQSEEnLCAnaW1wJywgMyk7XG5kZWYoMHgyOCwgJ1BMUCcsICdpbXAnLCA0KTtcbmRlZigweDY4LCAnUExBJywgJ2ltcCcsIDQpO1xuXG5jb25zdCBpbXBsaWVkOiByZWFkb25seSBbbnVtYmVyLCBzdHJpbmddW10gPSBbXG4gIFsweDE4LCAnQ0xDJ10sXG4gIFsweDM4LCAnU0VDJ10sXG4gIFsweDU4LCAnQ0xJJ10sXG4gIFsweDc4LCAnU0VJJ10sXG4gIFsweGI4LCAnQ0xWJ10sXG4gIFsweGQ4LCAnQ0xEJ10sXG4gIFsweGY4LCAnU0VEJ10sXG4gIFsweGFhLCAnVEFYJ10sXG4gIFsweDhhLCAnVFhBJ10sXG4gIFsweGE4LCAnVEFZJ10sXG4gIFsweDk4LCAnVFlBJ10sXG4gIFsweGJhLCAnVFNYJ10sXG4gIFsweDlhLCAnVFhTJ10sXG4gIFsweGU4LCAnSU5YJ10sXG4gIFsweGNhLCAnREVYJ10sXG4gIFsweGM4LCAnSU5ZJ10sXG4gIFsweDg4LCAnREVZJ10sXG4gIFsweGVhLCAnTk9QJ10sXG5dO1xuZm9yIChjb25zdCBbb3Bjb2RlLCBtbmVtb25pY10gb2YgaW1wbGllZCkgZGVmKG9wY29kZSwgbW5lbW9uaWMsICdpbXAnLCAyKTtcblxuLyoqIFVuZG9jdW1lbnRlZCByZWFkLW1vZGlmeS13cml0ZSArIEFMVSBjb21iaW5hdGlvbnM6IFt6cCwgenB4LCBhYnMsIGFieCwgYWJ5LCBpengsIGl6eV0uICovXG5mdW5jdGlvbiBjb21ib0dyb3VwKG1uZW1vbmljOiBzdHJpbmcsIGJhc2U6IG51bWJlcik6IHZvaWQge1xuICBkZWYoYmFzZSArIDB4MDcsIG1uZW1vbmljLCAnenAnLCA1LCBVKTtcbiAgZGVmKGJhc2UgKyAweDE3LCBtbmVtb25pYywgJ3pweCcsIDYsIFUpO1xuICBkZWYoYmFzZSArIDB4MGYsIG1uZW1vbmljLCAnYWJzJywgNiwgVSk7XG4gIGRlZihiYXNlICsgMHgxZiwgbW5lbW9uaWMsICdhYngnLCA3LCBVKTtcbiAgZGVmKGJhc2UgKyAweDFiLCBtbmVtb25pYywgJ2FieScsIDcsIFUpO1xuICBkZWYoYmFzZSArIDB4MDMsIG1uZW1vbmljLCAnaXp4JywgOCwgVSk7XG4gIGRlZihiYXNlICsgMHgxMywgbW5lbW9uaWMsICdpenknLCA4LCBVKTtcbn1cbmNvbWJvR3JvdXAoJ1NMTycsIDB4MDApO1xuY29tYm9Hcm91cCgnUkxBJywgMHgyMCk7XG5jb21ib0dyb3VwKCdTUkUnLCAweDQwKTtcbmNvbWJvR3JvdXAoJ1JSQScsIDB4NjApO1xuY29tYm9Hcm91cCgnRENQJywgMHhjMCk7XG5jb21ib0dyb3VwKCdJU0MnLCAweGUwKTtcblxuZGVmKDB4ODcsICdTQVgnLCAnenAnLCAzLCBVKTtcbmRlZigweDk3LCAnU0FYJywgJ3pweScsIDQsIFUpO1xuZGVmKDB4OGYsICdTQVgnLCAnYWJzJywgNCwgVSk7XG5kZWYoMHg4MywgJ1NBWCcsICdpengnLCA2LCBVKTtcbmRlZigweGE3LCAnTEFYJywgJ3pwJywgMywgVSk7XG5kZWYoMHhiNywgJ0xBWCcsICd6cHknLCA0LCBVKTtcbmRlZigweGFmLCAnTEFYJywgJ2FicycsIDQsIFUpO1xuZGVmKDB4YmYsICdMQVgnLCAnYWJ5JywgNCwgVVBYKTtcbmRlZigweGEzLCAnTEFYJywgJ2l6eCcsIDYsIFUpO1xuZGVmKDB4YjMsICdMQVgnLCAnaXp5JywgNSwgVVBYKTtcblxuZGVmKDB4MGIsICdBTkMnLCAnaW1tJywgMiwgVSk7XG5kZWYoMHgyYiwgJ0FOQycsICdpbW0nLCAyLCBVKTtcbmRlZigweDRiLCAnQUxSJywgJ2ltbScsIDIsIFUpO1xuZGVmKDB4NmIsICdBUlInLCAnaW1tJywgMiwgVSk7XG5kZWYoMHhjYiwgJ1NCWCcsICdpbW0nLCAyLCBVKTtcbmRlZigweGViLCAnU0JDJywgJ2ltbScsIDIsIFUpO1xuXG5mb3IgKGNvbnN0IG9wY29kZSBvZiBbMHgxYSwgMHgzYSwgMHg1YSwgMHg3YSwgMHhkYSwgMHhmYV0pIGRlZihvcGNvZGUsICdOT1AnLCAnaW1wJywgMiwgVSk7XG5mb3IgKGNvbnN0IG9wY29kZSBvZiBbMHg4MCwgMHg4MiwgMHg4OSwgMHhjMiwgMHhlMl0pIGRlZihvcGNvZGUsICdOT1AnLCAnaW1tJywgMiwgVSk7XG5mb3IgKGNvbnN0IG9wY29kZSBvZiBbMHgwNCwgMHg0NCwgMHg2NF0pIGRlZihvcGNvZGUsICdOT1AnLCAnenAnLCAzLCBVKTtcbmZvciAoY29uc3Qgb3Bjb2RlIG9mIFsweDE0LCAweDM0LCAweDU0LCAweDc0LCAweGQ0LCAweGY0XSkgZGVmKG9wY29kZSwgJ05PUCcsICd6cHgnLCA0LCBVKTtcbmRlZigweDBjLCAnTk9QJywgJ2FicycsIDQsIFUpO1xuZm9yIChjb25zdCBvcGNvZGUgb2YgWzB4MWMsIDB4M2MsIDB4NWMsIDB4N2MsIDB4ZGMsIDB4ZmNdKSBkZWYob3Bjb2RlLCAnTk9QJywgJ2FieCcsIDQsIFVQWCk7XG5cbi8vIEpBTSAoYWxzbyBjYWxsZWQgS0lML0hMVCkgc3RvcHMgdGhlIE5NT1MgNjUwMiB1bnRpbCBSRVNFVC4gVGhlIENQVSBoZXJlIGZldGNoZXMgdGhlIG9wY29kZSBhbmQgdGhlIG5leHRcbi8vIGJ5dGUgKDIgYnVzIGN5Y2xlcykgYW5kIHRoZW4gaGFsdHMuXG5mb3IgKGNvbnN0IG9wY29kZSBvZiBbMHgwMiwgMHgxMiwgMHgyMiwgMHgzMiwgMHg0MiwgMHg1MiwgMHg2MiwgMHg3MiwgMHg5MiwgMHhiMiwgMHhkMiwgMHhmMl0pIHtcbiAgZGVmKG9wY29kZSwgJ0pBTScsICdpbXAnLCAyLCBVKTtcbn1cblxuLy8gTGVmdCB1bmRlZmluZWQsIGJlY2F1c2UgdGhlaXIgcmVzdWx0cyBkZXBlbmQgb24gdGhlIGNoaXAsIHRlbXBlcmF0dXJlIG9yIGJ1cyBjb250ZW50czpcbi8vICQ4QiBBTkUvWEFBLCAkQUIgTFhBLCAkOTMvJDlGIFNIQSwgJDlCIFRBUywgJDlDIFNIWSwgJDlFIFNIWCwgJEJCIExBUy5cblxuZXhwb3J0IGNvbnN0IE9QQ09ERVM6IHJlYWRvbmx5IChPcGNvZGVJbmZvIHwgdW5kZWZpbmVkKVtdID0gT2JqZWN0LmZyZWV6ZSh0YWJsZSk7XG5cbmNvbnN0IGJ5TW5lbW9uaWNNb2RlID0gbmV3IE1hcDxzdHJpbmcsIE9wY29kZUluZm8+KCk7XG5mb3IgKGNvbnN0IGluZm8gb2YgT1BDT0RFUykge1xuICBpZiAoaW5mbyA9PT0gdW5kZWZpbmVkKSBjb250aW51ZTtcbiAgY29uc3Qga2V5ID0gYCR7aW5mby5tbmVtb25pY30gJHtpbmZvLm1vZGV9YDtcbiAgY29uc3QgZXhpc3RpbmcgPSBieU1uZW1vbmljTW9kZS5nZXQoa2V5KTtcbiAgaWYgKGV4aXN0aW5nID09PSB1bmRlZmluZWQgfHwgKGV4aXN0aW5nLnVuZG9jdW1lbnRlZCAmJiAhaW5mby51bmRvY3VtZW50ZWQpKSBieU1uZW1vbmljTW9kZS5zZXQoa2V5LCBpbmZvKTtcbn1cblxuLyoqXG4gKiBUaGUgb3Bjb2RlIGZvciBhIG1uZW1vbmljIGluIGFuIGFkZHJlc3NpbmcgbW9kZSwgcHJlZmVycmluZyB0aGUgZG9jdW1lbnRlZCBvbmUgKFNCQyAjaW1tIGlzICRFOSwgbm90XG4gKiAkRUI7IE5PUCBpbXBsaWVkIGlzICRFQSkuIEFtb25nIHVuZG9jdW1lbnRlZCBkdXBsaWNhdGVzIHRoZSBsb3dlc3Qgb3Bjb2RlIHdpbnMuIFRoZSBtbmVtb25pYyBpcyBtYXRjaGVkXG4gKiBjYXNlLWluc2Vuc2l0aXZlbHkuXG4gKi9cbmV4cG9ydCBmdW5jdGlvbiBmaW5kT3Bjb2RlKG1uZW1vbmljOiBzdHJpbmcsIG1vZGU6IEFkZHJlc3NpbmdNb2RlKTogT3Bjb2RlSW5mbyB8IHVuZGVmaW5lZCB7XG4gIHJldHVybiBieU1uZW1vbmljTW9kZS5nZXQoYCR7bW5lbW9uaWMudG9VcHBlckNhc2UoKX0gJHttb2RlfWApO1xufVxuIiwiaW1wb3J0IHR5cGUgeyBUb2tlbiB9IGZyb20gJy4vdG9rZW5pemVyLnRzJztcblxuZXhwb3J0IHR5cGUgRXhwciA9XG4gIHwgeyBraW5kOiAnbnVtYmVyJzsgdmFsdWU6IG51bWJlcjsgY29sdW1uOiBudW1iZXIgfVxuICB8IHsga2luZDogJ3N5bWJvbCc7IG5hbWU6IHN0cmluZzsgY29sdW1uOiBudW1iZXIgfVxuICB8IHsga2luZDogJ3BjJzsgY29sdW1uOiBudW1iZXIgfVxuICB8IHsga2luZDogJ3VuYXJ5Jzsgb3A6IHN0cmluZzsgYXJnOiBFeHByOyBjb2x1bW46IG51bWJlciB9XG4gIHwgeyBraW5kOiAnYmluYXJ5Jzsgb3A6IHN0cmluZzsgbGVmdDogRXhwcjsgcmlnaHQ6IEV4cHI7IGNvbHVtbjogbnVtYmVyIH07XG5cbmV4cG9ydCBjbGFzcyBFeHByZXNzaW9uRXJyb3IgZXh0ZW5kcyBFcnJvciB7XG4gIHJlYWRvbmx5IGNvbHVtbjogbnVtYmVyO1xuICBjb25zdHJ1Y3RvcihtZXNzYWdlOiBzdHJpbmcsIGNvbHVtbjogbnVtYmVyKSB7XG4gICAgc3VwZXIobWVzc2FnZSk7XG4gICAgdGhpcy5jb2x1bW4gPSBjb2x1bW47XG4gIH1cbn1cblxuLyoqIEJpbmFyeSBvcGVyYXRvcnMgZnJvbSBsb29zZXN0IHRvIHRpZ2h0ZXN0IGJpbmRpbmcuIFVuYXJ5IGAtICsgfiA8ID5gIGJpbmQgdGlnaHRlciB0aGFuIGFsbCBvZiB0aGVtLiAqL1xuY29uc3QgTEVWRUxTOiByZWFkb25seSAocmVhZG9ubHkgc3RyaW5nW10pW10gPSBbWyd8J10sIFsnXiddLCBbJyYnXSwgWycrJywgJy0nXSwgWycqJywgJy8nXV07XG5cbi8qKiBBIGN1cnNvciBvdmVyIGEgdG9rZW4gbGlzdCB0aGF0IGV4cHJlc3Npb24gcGFyc2luZyBhZHZhbmNlcy4gKi9cbmV4cG9ydCBjbGFzcyBUb2tlblN0cmVhbSB7XG4gIHJlYWRvbmx5IHRva2VuczogcmVhZG9ubHkgVG9rZW5bXTtcbiAgcG9zOiBudW1iZXI7XG4gIGNvbnN0cnVjdG9yKHRva2VuczogcmVhZG9ubHkgVG9rZW5bXSwgcG9zID0gMCkge1xuICAgIHRoaXMudG9rZW5zID0gdG9rZW5zO1xuICAgIHRoaXMucG9zID0gcG9zO1xuICB9XG4gIHBlZWsob2Zmc2V0ID0gMCk6IFRva2VuIHtcbiAgICBjb25zdCBsYXN0ID0gdGhpcy50b2tlbnNbdGhpcy50b2tlbnMubGVuZ3RoIC0gMV07XG4gICAgY29uc3QgdG9rZW4gPSB0aGlzLnRva2Vuc1t0aGlzLnBvcyArIG9mZnNldF0gPz8gbGFzdDtcbiAgICBpZiAoIXRva2VuKSB0aHJvdyBuZXcgRXJyb3IoJ3Rva2VuIHN0cmVhbSBoYXMgbm8gZW5kLW9mLWxpbmUgdG9rZW4nKTtcbiAgICByZXR1cm4gdG9rZW47XG4gIH1cbiAgbmV4dCgpOiBUb2tlbiB7XG4gICAgY29uc3QgdG9rZW4gPSB0aGlzLnBlZWsoKTtcbiAgICBpZiAodGhpcy5wb3MgPCB0aGlzLnRva2Vucy5sZW5ndGggLSAxKSB0aGlzLnBvcysrO1xuICAgIHJldHVybiB0b2tlbjtcbiAgfVxuICBpc09wKHRleHQ6IHN0cmluZywgb2Zmc2V0ID0gMCk6IGJvb2xlYW4ge1xuICAgIGNvbnN0IHRva2VuID0gdGhpcy5wZWVrKG9mZnNldCk7XG4gICAgcmV0dXJuIHRva2VuLmtpbmQgPT09ICdvcCcgJiYgdG9rZW4udGV4dCA9PT0gdGV4dDtcbiAgfVxuICBhdEVuZCgpOiBib29sZWFuIHtcbiAgICByZXR1cm4gdGhpcy5wZWVrKCkua2luZCA9PT0gJ2VvbCc7XG4gIH1cbn1cblxuZXhwb3J0IGZ1bmN0aW9uIHBhcnNlRXhwcmVzc2lvbihzdHJlYW06IFRva2VuU3RyZWFtKTogRXhwciB7XG4gIHJldHVybiBwYXJzZUxldmVsKHN0cmVhbSwgMCk7XG59XG5cbmZ1bmN0aW9uIHBhcnNlTGV2ZWwoc3RyZWFtOiBUb2tlblN0cmVhbSwgbGV2ZWw6IG51bWJlcik6IEV4cHIge1xuICBjb25zdCBvcHMgPSBMRVZFTFNbbGV2ZWxdO1xuICBpZiAoIW9wcykgcmV0dXJuIHBhcnNlVW5hcnkoc3RyZWFtKTtcbiAgbGV0IGxlZnQgPSBwYXJzZUxldmVsKHN0cmVhbSwgbGV2ZWwgKyAxKTtcbiAgZm9yICg7Oykge1xuICAgIGNvbnN0IHRva2VuID0gc3RyZWFtLnBlZWsoKTtcbiAgICBpZiAodG9rZW4ua2luZCAhPT0gJ29wJyB8fCAhb3BzLmluY2x1ZGVzKHRva2VuLnRleHQpKSByZXR1cm4gbGVmdDtcbiAgICBzdHJlYW0ubmV4dCgpO1xuICAgIGNvbnN0IHJpZ2h0ID0gcGFyc2VMZXZlbChzdHJlYW0sIGxldmVsICsgMSk7XG4gICAgbGVmdCA9IHsga2luZDogJ2JpbmFyeScsIG9wOiB0b2tlbi50ZXh0LCBsZWZ0LCByaWdodCwgY29sdW1uOiB0b2tlbi5jb2x1bW4gfTtcbiAgfVxufVxuXG5mdW5jdGlvbiBwYXJzZVVuYXJ5KHN0cmVhbTogVG9rZW5TdHJlYW0pOiBFeHByIHtcbiAgY29uc3QgdG9rZW4gPSBzdHJlYW0ucGVlaygpO1xuICBpZiAodG9rZW4ua2luZCA9PT0gJ29wJyAmJiBbJy0nLCAnKycsICd+JywgJzwnLCAnPiddLmluY2x1ZGVzKHRva2VuLnRleHQpKSB7XG4gICAgc3RyZWFtLm5leHQoKTtcbiAgICByZXR1cm4geyBraW5kOiAndW5hcnknLCBvcDogdG9rZW4udGV4dCwgYXJnOiBwYXJzZVVuYXJ5KHN0cmVhbSksIGNvbHVtbjogdG9rZW4uY29sdW1uIH07XG4gIH1cbiAgcmV0dXJuIHBhcnNlUHJpbWFyeShzdHJlYW0pO1xufVxuXG5mdW5jdGlvbiBwYXJzZVByaW1hcnkoc3RyZWFtOiBUb2tlblN0cmVhbSk6IEV4cHIge1xuICBjb25zdCB0b2tlbiA9IHN0cmVhbS5uZXh0KCk7XG4gIHN3aXRjaCAodG9rZW4ua2luZCkge1xuICAgIGNhc2UgJ251bWJlcic6XG4gICAgICByZXR1cm4geyBraW5kOiAnbnVtYmVyJywgdmFsdWU6IHRva2VuLnZhbHVlLCBjb2x1bW46IHRva2VuLmNvbHVtbiB9O1xuICAgIGNhc2UgJ2lkZW50JzpcbiAgICAgIGlmICh0b2tlbi50ZXh0LnN0YXJ0c1dpdGgoJy4nKSkge1xuICAgICAgICB0aHJvdyBuZXcgRXhwcmVzc2lvbkVycm9yKGBkaXJlY3RpdmUgJyR7dG9rZW4udGV4dH0nIGNhbm5vdCBhcHBlYXIgaW4gYW4gZXhwcmVzc2lvbmAsIHRva2VuLmNvbHVtbik7XG4gICAgICB9XG4gICAgICByZXR1cm4geyBraW5kOiAnc3ltYm9sJywgbmFtZTogdG9rZW4udGV4dCwgY29sdW1uOiB0b2tlbi5jb2x1bW4gfTtcbiAgICBjYXNlICdvcCc6XG4gICAgICBpZiAodG9rZW4udGV4dCA9PT0gJyonKSByZXR1cm4geyBraW5kOiAncGMnLCBjb2x1bW46IHRva2VuLmNvbHVtbiB9O1xuICAgICAgaWYgKHRva2VuLnRleHQgPT09ICcoJykge1xuICAgICAgICBjb25zdCBpbm5lciA9IHBhcnNlRXhwcmVzc2lvbihzdHJlYW0pO1xuICAgICAgICBjb25zdCBjbG9zZSA9IHN0cmVhbS5uZXh0KCk7XG4gICAgICAgIGlmIChjbG9zZS5raW5kICE9PSAnb3AnIHx8IGNsb3NlLnRleHQgIT09ICcpJykge1xuICAgICAgICAgIHRocm93IG5ldyBFeHByZXNzaW9uRXJyb3IoYGV4cGVjdGVkICcpJyB0byBjbG9zZSB0aGUgJygnIGF0IGNvbHVtbiAke3Rva2VuLmNvbHVtbn1gLCBjbG9zZS5jb2x1bW4pO1xuICAgICAgICB9XG4gICAgICAgIHJldHVybiBpbm5lcjtcbiAgICAgIH1cbiAgICAgIHRocm93IG5ldyBFeHByZXNzaW9uRXJyb3IoYGV4cGVjdGVkIGEgdmFsdWUgYnV0IGZvdW5kICcke3Rva2VuLnRleHR9J2AsIHRva2VuLmNvbHVtbik7XG4gICAgY2FzZSAnc3RyaW5nJzpcbiAgICAgIHRocm93IG5ldyBFeHByZXNzaW9uRXJyb3IoJ2Egc3RyaW5nIGNhbm5vdCBiZSB1c2VkIGFzIGEgbnVtYmVyIGhlcmUnLCB0b2tlbi5jb2x1bW4pO1xuICAgIGNhc2UgJ2VvbCc6XG4gICAgICB0aHJvdyBuZXcgRXhwcmVzc2lvbkVycm9yKCdleHBlY3RlZCBhIHZhbHVlIGJ1dCB0aGUgbGluZSBlbmRlZCcsIHRva2VuLmNvbHVtbik7XG4gIH1cbn1cblxuZXhwb3J0IGludGVyZmFjZSBFdmFsQ29udGV4dCB7XG4gIC8qKiBWYWx1ZSBvZiBhIHN5bWJvbCwgb3IgdW5kZWZpbmVkIHdoZW4gaXQgaXMgbm90ICh5ZXQpIGRlZmluZWQuICovXG4gIGxvb2t1cChuYW1lOiBzdHJpbmcpOiBudW1iZXIgfCB1bmRlZmluZWQ7XG4gIC8qKiBBZGRyZXNzIG9mIHRoZSBjdXJyZW50IHN0YXRlbWVudCwgdGhlIHZhbHVlIG9mIGAqYC4gKi9cbiAgcGM6IG51bWJlcjtcbn1cblxuLyoqXG4gKiBFdmFsdWF0ZXMgYW4gZXhwcmVzc2lvbi4gUmV0dXJucyB1bmRlZmluZWQgd2hlbiBhIHN5bWJvbCBpcyBub3QgZGVmaW5lZCB5ZXQgKHRoZSBjYWxsZXIgZGVjaWRlcyB3aGV0aGVyIHRoYXQgaXNcbiAqIGFuIGVycm9yOiBpdCBpcyBub3QgaW4gcGFzcyAxKS4gVGhyb3dzIEV4cHJlc3Npb25FcnJvciBmb3IgZGl2aXNpb24gYnkgemVyby5cbiAqL1xuZXhwb3J0IGZ1bmN0aW9uIGV2YWx1YXRlKFxuICBleHByOiBFeHByLFxuICBjdHg6IEV2YWxDb250ZXh0LFxuICBtaXNzaW5nPzogKG5hbWU6IHN0cmluZywgY29sdW1uOiBudW1iZXIpID0+IHZvaWQsXG4pOiBudW1iZXIgfCB1bmRlZmluZWQge1xuICBzd2l0Y2ggKGV4cHIua2luZCkge1xuICAgIGNhc2UgJ251bWJlcic6XG4gICAgICByZXR1cm4gZXhwci52YWx1ZTtcbiAgICBjYXNlICdwYyc6XG4gICAgICByZXR1cm4gY3R4LnBjO1xuICAgIGNhc2UgJ3N5bWJvbCc6IHtcbiAgICAgIGNvbnN0IHZhbHVlID0gY3R4Lmxvb2t1cChleHByLm5hbWUpO1xuICAgICAgaWYgKHZhbHVlID09PSB1bmRlZmluZWQpIG1pc3Npbmc/LihleHByLm5hbWUsIGV4cHIuY29sdW1uKTtcbiAgICAgIHJldHVybiB2YWx1ZTtcbiAgICB9XG4gICAgY2FzZSAndW5hcnknOiB7XG4gICAgICBjb25zdCBhcmcgPSBldmFsdWF0ZShleHByLmFyZywgY3R4LCBtaXNzaW5nKTtcbiAgICAgIGlmIChhcmcgPT09IHVuZGVmaW5lZCkgcmV0dXJuIHVuZGVmaW5lZDtcbiAgICAgIHN3aXRjaCAoZXhwci5vcCkge1xuICAgICAgICBjYXNlICctJzpcbiAgICAgICAgICByZXR1cm4gLWFyZztcbiAgICAgICAgY2FzZSAnfic6XG4gICAgICAgICAgcmV0dXJuIH5hcmc7XG4gICAgICAgIGNhc2UgJzwnOlxuICAgICAgICAgIHJldHVybiBhcmcgJiAweGZmO1xuICAgICAgICBjYXNlICc+JzpcbiAgICAgICAgICByZXR1cm4gKGFyZyA+PiA4KSAmIDB4ZmY7XG4gICAgICAgIGRlZmF1bHQ6XG4gICAgICAgICAgcmV0dXJuIGFyZztcbiAgICAgIH1cbiAgICB9XG4gICAgY2FzZSAnYmluYXJ5Jzoge1xuICAgICAgY29uc3QgbGVmdCA9IGV2YWx1YXRlKGV4cHIubGVmdCwgY3R4LCBtaXNzaW5nKTtcbiAgICAgIGNvbnN0IHJpZ2h0ID0gZXZhbHVhdGUoZXhwci5yaWdodCwgY3R4LCBtaXNzaW5nKTtcbiAgICAgIGlmIChsZWZ0ID09PSB1bmRlZmluZWQgfHwgcmlnaHQgPT09IHVuZGVmaW5lZCkgcmV0dXJuIHVuZGVmaW5lZDtcbiAgICAgIHN3aXRjaCAoZXhwci5vcCkge1xuICAgICAgICBjYXNlICcrJzpcbiAgICAgICAgICByZXR1cm4gbGVmdCArIHJpZ2h0O1xuICAgICAgICBjYXNlICctJzpcbiAgICAgICAgICByZXR1cm4gbGVmdCAtIHJpZ2h0O1xuICAgICAgICBjYXNlICcqJzpcbiAgICAgICAgICByZXR1cm4gbGVmdCAqIHJpZ2h0O1xuICAgICAgICBjYXNlICcvJzpcbiAgICAgICAgICBpZiAocmlnaHQgPT09IDApIHRocm93IG5ldyBFeHByZXNzaW9uRXJyb3IoJ2RpdmlzaW9uIGJ5IHplcm8nLCBleHByLmNvbHVtbik7XG4gICAgICAgICAgcmV0dXJuIE1hdGgudHJ1bmMobGVmdCAvIHJpZ2h0KTtcbiAgICAgICAgY2FzZSAnJic6XG4gICAgICAgICAgcmV0dXJuIGxlZnQgJiByaWdodDtcbiAgICAgICAgY2FzZSAnfCc6XG4gICAgICAgICAgcmV0dXJuIGxlZnQgfCByaWdodDtcbiAgICAgICAgZGVmYXVsdDpcbiAgICAgICAgICByZXR1cm4gbGVmdCBeIHJpZ2h0O1xuICAgICAgfVxuICAgIH1cbiAgfVxufVxuIiwiZXhwb3J0IHR5cGUgVG9rZW5LaW5kID0gJ2lkZW50JyB8ICdudW1iZXInIHwgJ3N0cmluZycgfCAnb3AnIHwgJ2VvbCc7XG5cbmV4cG9ydCBpbnRlcmZhY2UgVG9rZW4ge1xuICBraW5kOiBUb2tlbktpbmQ7XG4gIC8qKiBJZGVudGlmaWVyIG5hbWUsIG9wZXJhdG9yIHRleHQsIG9yIGRlY29kZWQgc3RyaW5nIGNvbnRlbnRzLiAqL1xuICB0ZXh0OiBzdHJpbmc7XG4gIC8qKiBOdW1lcmljIHZhbHVlIGZvciBudW1iZXJzIGFuZCBjaGFyYWN0ZXIgY29uc3RhbnRzLiAqL1xuICB2YWx1ZTogbnVtYmVyO1xuICAvKiogMS1iYXNlZCBjb2x1bW4gb2YgdGhlIGZpcnN0IGNoYXJhY3Rlci4gKi9cbiAgY29sdW1uOiBudW1iZXI7XG59XG5cbmV4cG9ydCBpbnRlcmZhY2UgVG9rZW5pemVFcnJvciB7XG4gIGNvbHVtbjogbnVtYmVyO1xuICBtZXNzYWdlOiBzdHJpbmc7XG59XG5cbmNvbnN0IE9QRVJBVE9SUyA9IG5ldyBTZXQoWycrJywgJy0nLCAnKicsICcvJywgJyYnLCAnfCcsICdeJywgJzwnLCAnPicsICd+JywgJygnLCAnKScsICcsJywgJyMnLCAnPScsICc6J10pO1xuY29uc3QgRVNDQVBFUzogUmVjb3JkPHN0cmluZywgbnVtYmVyPiA9IHtcbiAgbjogMHgwYSxcbiAgcjogMHgwZCxcbiAgdDogMHgwOSxcbiAgJzAnOiAweDAwLFxuICAnXFxcXCc6IDB4NWMsXG4gICdcIic6IDB4MjIsXG4gIFwiJ1wiOiAweDI3LFxufTtcblxuZnVuY3Rpb24gaXNJZGVudFN0YXJ0KGNoOiBzdHJpbmcpOiBib29sZWFuIHtcbiAgcmV0dXJuIC9bQS1aYS16Xy5AXS8udGVzdChjaCk7XG59XG5cbmZ1bmN0aW9uIGlzSWRlbnRQYXJ0KGNoOiBzdHJpbmcpOiBib29sZWFuIHtcbiAgcmV0dXJuIC9bQS1aYS16MC05Xy5AXS8udGVzdChjaCk7XG59XG5cbi8qKlxuICogU3BsaXRzIG9uZSBzb3VyY2UgbGluZSBpbnRvIHRva2Vucy4gQSBgO2Agb3V0c2lkZSBhIHN0cmluZyBzdGFydHMgYSBjb21tZW50LiBJZGVudGlmaWVycyBtYXkgc3RhcnQgd2l0aCBgLmBcbiAqIChkaXJlY3RpdmVzKSBvciBgQGAgKGxvY2FsIGxhYmVscykuIGAkYCBhbmQgYCVgIGludHJvZHVjZSBoZXggYW5kIGJpbmFyeSBudW1iZXJzOyBgJWAgaXMgbmV2ZXIgYW4gb3BlcmF0b3IuXG4gKi9cbmV4cG9ydCBmdW5jdGlvbiB0b2tlbml6ZUxpbmUobGluZTogc3RyaW5nKTogeyB0b2tlbnM6IFRva2VuW107IGVycm9yczogVG9rZW5pemVFcnJvcltdIH0ge1xuICBjb25zdCB0b2tlbnM6IFRva2VuW10gPSBbXTtcbiAgY29uc3QgZXJyb3JzOiBUb2tlbml6ZUVycm9yW10gPSBbXTtcbiAgbGV0IGkgPSAwO1xuICBjb25zdCBwdXNoID0gKGtpbmQ6IFRva2VuS2luZCwgdGV4dDogc3RyaW5nLCB2YWx1ZTogbnVtYmVyLCBzdGFydDogbnVtYmVyKTogdm9pZCA9PiB7XG4gICAgdG9rZW5zLnB1c2goeyBraW5kLCB0ZXh0LCB2YWx1ZSwgY29sdW1uOiBzdGFydCArIDEgfSk7XG4gIH07XG4gIHdoaWxlIChpIDwgbGluZS5sZW5ndGgpIHtcbiAgICBjb25zdCBjaCA9IGxpbmVbaV0gPz8gJyc7XG4gICAgY29uc3Qgc3RhcnQgPSBpO1xuICAgIGlmIChjaCA9PT0gJzsnKSBicmVhaztcbiAgICBpZiAoY2ggPT09ICcgJyB8fCBjaCA9PT0gJ1xcdCcgfHwgY2ggPT09ICdcXHInKSB7XG4gICAgICBpKys7XG4gICAgICBjb250aW51ZTtcbiAgICB9XG4gICAgaWYgKGNoID09PSAnJCcgfHwgY2ggPT09ICclJyB8fCAvWzAtOV0vLnRlc3QoY2gpKSB7XG4gICAgICBjb25zdCByYWRpeCA9IGNoID09PSAnJCcgPyAxNiA6IGNoID09PSAnJScgPyAyIDogMTA7XG4gICAgICBpZiAocmFkaXggIT09IDEwKSBpKys7XG4gICAgICBjb25zdCBkaWdpdFBhdHRlcm4gPSByYWRpeCA9PT0gMTYgPyAvWzAtOUEtRmEtZl0vIDogcmFkaXggPT09IDIgPyAvWzAxXS8gOiAvWzAtOV0vO1xuICAgICAgbGV0IGRpZ2l0cyA9ICcnO1xuICAgICAgd2hpbGUgKGkgPCBsaW5lLmxlbmd0aCAmJiBkaWdpdFBhdHRlcm4udGVzdChsaW5lW2ldID8/ICcnKSkgZGlnaXRzICs9IGxpbmVbaSsrXTtcbiAgICAgIGlmIChpIDwgbGluZS5sZW5ndGggJiYgL1tBLVphLXowLTlfXS8udGVzdChsaW5lW2ldID8/ICcnKSkge1xuICAgICAgICB3aGlsZSAoaSA8IGxpbmUubGVuZ3RoICYmIC9bQS1aYS16MC05X10vLnRlc3QobGluZVtpXSA/PyAnJykpIGRpZ2l0cyArPSBsaW5lW2krK107XG4gICAgICAgIGVycm9ycy5wdXNoKHsgY29sdW1uOiBzdGFydCArIDEsIG1lc3NhZ2U6IGBtYWxmb3JtZWQgbnVtYmVyICcke2xpbmUuc2xpY2Uoc3RhcnQsIGkpfSdgIH0pO1xuICAgICAgICBwdXNoKCdudW1iZXInLCBsaW5lLnNsaWNlKHN0YXJ0LCBpKSwgMCwgc3RhcnQpO1xuICAgICAgICBjb250aW51ZTtcbiAgICAgIH1cbiAgICAgIGlmIChkaWdpdHMgPT09ICcnKSB7XG4gICAgICAgIGVycm9ycy5wdXNoKHtcbiAgICAgICAgICBjb2x1bW46IHN0YXJ0ICsgMSxcbiAgICAgICAgICBtZXNzYWdlOiBgJyR7Y2h9JyBtdXN0IGJlIGZvbGxvd2VkIGJ5ICR7cmFkaXggPT09IDE2ID8gJ2hleCcgOiAnYmluYXJ5J30gZGlnaXRzYCxcbiAgICAgICAgfSk7XG4gICAgICAgIHB1c2goJ251bWJlcicsIGNoLCAwLCBzdGFydCk7XG4gICAgICAgIGNvbnRpbnVlO1xuICAgICAgfVxuICAgICAgcHVzaCgnbnVtYmVyJywgbGluZS5zbGljZShzdGFydCwgaSksIHBhcnNlSW50KGRpZ2l0cywgcmFkaXgpLCBzdGFydCk7XG4gICAgICBjb250aW51ZTtcbiAgICB9XG4gICAgaWYgKGlzSWRlbnRTdGFydChjaCkpIHtcbiAgICAgIGkrKztcbiAgICAgIHdoaWxlIChpIDwgbGluZS5sZW5ndGggJiYgaXNJZGVudFBhcnQobGluZVtpXSA/PyAnJykpIGkrKztcbiAgICAgIHB1c2goJ2lkZW50JywgbGluZS5zbGljZShzdGFydCwgaSksIDAsIHN0YXJ0KTtcbiAgICAgIGNvbnRpbnVlO1xuICAgIH1cbiAgICBpZiAoY2ggPT09ICdcIicgfHwgY2ggPT09IFwiJ1wiKSB7XG4gICAgICBjb25zdCBxdW90ZSA9IGNoO1xuICAgICAgaSsrO1xuICAgICAgY29uc3QgY29kZXM6IG51bWJlcltdID0gW107XG4gICAgICBsZXQgY2xvc2VkID0gZmFsc2U7XG4gICAgICB3aGlsZSAoaSA8IGxpbmUubGVuZ3RoKSB7XG4gICAgICAgIGNvbnN0IGMgPSBsaW5lW2ldID8/ICcnO1xuICAgICAgICBpZiAoYyA9PT0gcXVvdGUpIHtcbiAgICAgICAgICBjbG9zZWQgPSB0cnVlO1xuICAgICAgICAgIGkrKztcbiAgICAgICAgICBicmVhaztcbiAgICAgICAgfVxuICAgICAgICBpZiAoYyA9PT0gJ1xcXFwnKSB7XG4gICAgICAgICAgY29uc3QgbmV4dCA9IGxpbmVbaSArIDFdID8/ICcnO1xuICAgICAgICAgIGlmIChuZXh0ID09PSAneCcgJiYgL15bMC05QS1GYS1mXXsyfSQvLnRlc3QobGluZS5zbGljZShpICsgMiwgaSArIDQpKSkge1xuICAgICAgICAgICAgY29kZXMucHVzaChwYXJzZUludChsaW5lLnNsaWNlKGkgKyAyLCBpICsgNCksIDE2KSk7XG4gICAgICAgICAgICBpICs9IDQ7XG4gICAgICAgICAgICBjb250aW51ZTtcbiAgICAgICAgICB9XG4gICAgICAgICAgY29uc3QgY29kZSA9IEVTQ0FQRVNbbmV4dF07XG4gICAgICAgICAgaWYgKGNvZGUgPT09IHVuZGVmaW5lZCkge1xuICAgICAgICAgICAgZXJyb3JzLnB1c2goeyBjb2x1bW46IGkgKyAxLCBtZXNzYWdlOiBgdW5rbm93biBlc2NhcGUgJ1xcXFwke25leHR9J2AgfSk7XG4gICAgICAgICAgICBpICs9IDI7XG4gICAgICAgICAgICBjb250aW51ZTtcbiAgICAgICAgICB9XG4gICAgICAgICAgY29kZXMucHVzaChjb2RlKTtcbiAgICAgICAgICBpICs9IDI7XG4gICAgICAgICAgY29udGludWU7XG4gICAgICAgIH1cbiAgICAgICAgY29kZXMucHVzaChjLmNoYXJDb2RlQXQoMCkpO1xuICAgICAgICBpKys7XG4gICAgICB9XG4gICAgICBpZiAoIWNsb3NlZClcbiAgICAgICAgZXJyb3JzLnB1c2goeyBjb2x1bW46IHN0YXJ0ICsgMSwgbWVzc2FnZTogYHVudGVybWluYXRlZCAke3F1b3RlID09PSAnXCInID8gJ3N0cmluZycgOiAnY2hhcmFjdGVyJ31gIH0pO1xuICAgICAgaWYgKHF1b3RlID09PSBcIidcIikge1xuICAgICAgICBpZiAoY29kZXMubGVuZ3RoICE9PSAxKSB7XG4gICAgICAgICAgZXJyb3JzLnB1c2goeyBjb2x1bW46IHN0YXJ0ICsgMSwgbWVzc2FnZTogJ2EgY2hhcmFjdGVyIGNvbnN0YW50IGhvbGRzIGV4YWN0bHkgb25lIGNoYXJhY3RlcicgfSk7XG4gICAgICAgIH1cbiAgICAgICAgcHVzaCgnbnVtYmVyJywgbGluZS5zbGljZShzdGFydCwgaSksIGNvZGVzWzBdID8/IDAsIHN0YXJ0KTtcbiAgICAgIH0gZWxzZSB7XG4gICAgICAgIHB1c2goJ3N0cmluZycsIFN0cmluZy5mcm9tQ2hhckNvZGUoLi4uY29kZXMpLCAwLCBzdGFydCk7XG4gICAgICB9XG4gICAgICBjb250aW51ZTtcbiAgICB9XG4gICAgaWYgKE9QRVJBVE9SUy5oYXMoY2gpKSB7XG4gICAgICBpKys7XG4gICAgICBwdXNoKCdvcCcsIGNoLCAwLCBzdGFydCk7XG4gICAgICBjb250aW51ZTtcbiAgICB9XG4gICAgZXJyb3JzLnB1c2goeyBjb2x1bW46IHN0YXJ0ICsgMSwgbWVzc2FnZTogYHVuZXhwZWN0ZWQgY2hhcmFjdGVyICcke2NofSdgIH0pO1xuICAgIGkrKztcbiAgfVxuICB0b2tlbnMucHVzaCh7IGtpbmQ6ICdlb2wnLCB0ZXh0OiAnJywgdmFsdWU6IDAsIGNvbHVtbjogTWF0aC5taW4oaSwgbGluZS5sZW5ndGgpICsgMSB9KTtcbiAgcmV0dXJuIHsgdG9rZW5zLCBlcnJvcnMgfTtcbn1cbiIsImltcG9ydCB7IGZpbmRPcGNvZGUsIE9QQ09ERVMgfSBmcm9tICcuLi9vcGNvZGVzLnRzJztcbmltcG9ydCB0eXBlIHsgQWRkcmVzc2luZ01vZGUsIE9wY29kZUluZm8gfSBmcm9tICcuLi9vcGNvZGVzLnRzJztcbmltcG9ydCB7IGV2YWx1YXRlLCBFeHByZXNzaW9uRXJyb3IsIHBhcnNlRXhwcmVzc2lvbiwgVG9rZW5TdHJlYW0gfSBmcm9tICcuL2V4cHJlc3Npb24udHMnO1xuaW1wb3J0IHR5cGUgeyBFeHByIH0gZnJvbSAnLi9leHByZXNzaW9uLnRzJztcbmltcG9ydCB7IHRva2VuaXplTGluZSB9IGZyb20gJy4vdG9rZW5pemVyLnRzJztcbmltcG9ydCB0eXBlIHsgVG9rZW4gfSBmcm9tICcuL3Rva2VuaXplci50cyc7XG5cbmV4cG9ydCBpbnRlcmZhY2UgQXNtRXJyb3Ige1xuICBmaWxlOiBzdHJpbmc7XG4gIC8qKiAxLWJhc2VkLiAqL1xuICBsaW5lOiBudW1iZXI7XG4gIC8qKiAxLWJhc2VkLiAqL1xuICBjb2x1bW46IG51bWJlcjtcbiAgbWVzc2FnZTogc3RyaW5nO1xufVxuXG4vKiogUmV0dXJucyB0aGUgdGV4dCBvZiBhIGZpbGUgbmFtZWQgYnkgYC5pbmNsdWRlYCwgb3IgdW5kZWZpbmVkIHdoZW4gaXQgY2Fubm90IGJlIHJlYWQuICovXG5leHBvcnQgdHlwZSBTb3VyY2VSZWFkZXIgPSAocGF0aDogc3RyaW5nKSA9PiBzdHJpbmcgfCB1bmRlZmluZWQ7XG5cbmV4cG9ydCBpbnRlcmZhY2UgQXNzZW1ibGVPcHRpb25zIHtcbiAgLyoqIE5hbWUgdXNlZCBpbiBlcnJvcnMgYW5kIGFzIHRoZSBiYXNlIGZvciByZWxhdGl2ZSBgLmluY2x1ZGVgIHBhdGhzLiAqL1xuICBmaWxlTmFtZT86IHN0cmluZztcbiAgcmVhZEZpbGU/OiBTb3VyY2VSZWFkZXI7XG4gIC8qKiBCeXRlIHBsYWNlZCBpbiBnYXBzIGJldHdlZW4gc2VnbWVudHMgaW4gYGltYWdlYC4gRGVmYXVsdCAkRkYgKGxpa2UgdW5wcm9ncmFtbWVkIEVQUk9NKS4gKi9cbiAgZ2FwRmlsbD86IG51bWJlcjtcbn1cblxuZXhwb3J0IGludGVyZmFjZSBTZWdtZW50IHtcbiAgYWRkcmVzczogbnVtYmVyO1xuICBieXRlczogVWludDhBcnJheTtcbn1cblxuZXhwb3J0IGludGVyZmFjZSBMaXN0aW5nTGluZSB7XG4gIGZpbGU6IHN0cmluZztcbiAgbGluZTogbnVtYmVyO1xuICAvKiogQWRkcmVzcyBvZiB0aGUgc3RhdGVtZW50LCB1bmRlZmluZWQgZm9yIGxpbmVzIHRoYXQgZW1pdCBub3RoaW5nIGFuZCBkZWZpbmUgbm8gbGFiZWwuICovXG4gIGFkZHJlc3M6IG51bWJlciB8IHVuZGVmaW5lZDtcbiAgYnl0ZXM6IG51bWJlcltdO1xuICAvKiogVmFsdWUgb2YgYSBjb25zdGFudCBkZWZpbmVkIG9uIHRoaXMgbGluZSAoYE5BTUUgPSBleHByYCkuICovXG4gIHZhbHVlPzogbnVtYmVyO1xuICBzb3VyY2U6IHN0cmluZztcbn1cblxuZXhwb3J0IGludGVyZmFjZSBBc3NlbWJseVJlc3VsdCB7XG4gIG9rOiBib29sZWFuO1xuICBlcnJvcnM6IEFzbUVycm9yW107XG4gIC8qKiBDb250aWd1b3VzIHJ1bnMgb2YgZW1pdHRlZCBieXRlcywgc29ydGVkIGJ5IGFkZHJlc3MuICovXG4gIHNlZ21lbnRzOiBTZWdtZW50W107XG4gIC8qKiBMb3dlc3QgYWRkcmVzcyB3cml0dGVuICgwIHdoZW4gbm90aGluZyB3YXMgZW1pdHRlZCkuICovXG4gIG9yaWdpbjogbnVtYmVyO1xuICAvKiogRXZlcnkgYnl0ZSBmcm9tIGBvcmlnaW5gIHRvIHRoZSBoaWdoZXN0IGFkZHJlc3Mgd3JpdHRlbiwgZ2FwcyBmaWxsZWQgd2l0aCBgZ2FwRmlsbGAuICovXG4gIGltYWdlOiBVaW50OEFycmF5O1xuICAvKiogR2xvYmFsIGxhYmVscyBhbmQgY29uc3RhbnRzIGJ5IG5hbWU7IGxvY2FsIGxhYmVscyBhcyBgZ2xvYmFsQGxvY2FsYC4gKi9cbiAgc3ltYm9sczogTWFwPHN0cmluZywgbnVtYmVyPjtcbiAgbGlzdGluZzogTGlzdGluZ0xpbmVbXTtcbn1cblxuY29uc3QgTU5FTU9OSUNTID0gbmV3IFNldChPUENPREVTLmZsYXRNYXAoKGluZm8pID0+IChpbmZvID8gW2luZm8ubW5lbW9uaWNdIDogW10pKSk7XG5jb25zdCBCUkFOQ0hFUyA9IG5ldyBTZXQoWydCUEwnLCAnQk1JJywgJ0JWQycsICdCVlMnLCAnQkNDJywgJ0JDUycsICdCTkUnLCAnQkVRJ10pO1xuY29uc3QgRElSRUNUSVZFUyA9IG5ldyBTZXQoWycub3JnJywgJy5ieXRlJywgJy53b3JkJywgJy50ZXh0JywgJy5maWxsJywgJy5hbGlnbicsICcuaW5jbHVkZSddKTtcbmNvbnN0IFJFU0VSVkVEID0gbmV3IFNldChbLi4uTU5FTU9OSUNTLCAnQScsICdYJywgJ1knXSk7XG5jb25zdCBNQVhfSU5DTFVERV9ERVBUSCA9IDE2O1xuXG5pbnRlcmZhY2UgTG9jYXRpb24ge1xuICBmaWxlOiBzdHJpbmc7XG4gIGxpbmU6IG51bWJlcjtcbiAgc291cmNlOiBzdHJpbmc7XG59XG5cbnR5cGUgRGF0YUl0ZW0gPSB7IGtpbmQ6ICdleHByJzsgZXhwcjogRXhwciB9IHwgeyBraW5kOiAnc3RyaW5nJzsgdGV4dDogc3RyaW5nIH07XG5cbnR5cGUgQm9keSA9XG4gIHwgeyBraW5kOiAnbm9uZScgfVxuICB8IHsga2luZDogJ2luc3RydWN0aW9uJzsgaW5mbzogT3Bjb2RlSW5mbzsgb3BlcmFuZDogRXhwciB8IHVuZGVmaW5lZDsgb3BlcmFuZENvbHVtbjogbnVtYmVyIH1cbiAgfCB7IGtpbmQ6ICdkYXRhJzsgd2lkdGg6IDEgfCAyOyBpdGVtczogRGF0YUl0ZW1bXSB9XG4gIHwgeyBraW5kOiAnZmlsbCc7IGNvdW50OiBudW1iZXI7IHZhbHVlOiBFeHByIHwgdW5kZWZpbmVkIH1cbiAgfCB7IGtpbmQ6ICdjb25zdGFudCc7IG5hbWU6IHN0cmluZzsgZXhwcjogRXhwcjsgY29sdW1uOiBudW1iZXIgfTtcblxuaW50ZXJmYWNlIFN0YXRlbWVudCB7XG4gIGxvYzogTG9jYXRpb247XG4gIHNjb3BlOiBzdHJpbmc7XG4gIGFkZHJlc3M6IG51bWJlcjtcbiAgc2l6ZTogbnVtYmVyO1xuICBsYWJlbDogeyBuYW1lOiBzdHJpbmc7IGNvbHVtbjogbnVtYmVyIH0gfCB1bmRlZmluZWQ7XG4gIGJvZHk6IEJvZHk7XG59XG5cbmNsYXNzIEZhaWwgZXh0ZW5kcyBFcnJvciB7XG4gIHJlYWRvbmx5IGNvbHVtbjogbnVtYmVyO1xuICBjb25zdHJ1Y3RvcihtZXNzYWdlOiBzdHJpbmcsIGNvbHVtbjogbnVtYmVyKSB7XG4gICAgc3VwZXIobWVzc2FnZSk7XG4gICAgdGhpcy5jb2x1bW4gPSBjb2x1bW47XG4gIH1cbn1cblxuZnVuY3Rpb24gaGV4KHZhbHVlOiBudW1iZXIsIGRpZ2l0czogbnVtYmVyKTogc3RyaW5nIHtcbiAgcmV0dXJuICckJyArICh2YWx1ZSA+Pj4gMCkudG9TdHJpbmcoMTYpLnRvVXBwZXJDYXNlKCkucGFkU3RhcnQoZGlnaXRzLCAnMCcpO1xufVxuXG4vLyBJbmNsdWRlIHBhdGhzOiAnLycgYW5kICdcXFxcJyBib3RoIHNlcGFyYXRlIGZvbGRlcnMgKFdpbmRvd3MgcGF0aHMgYXJyaXZlIHdpdGggYmFja3NsYXNoZXMpLCBhbmQgdGhlIHJlc3VsdFxuLy8gdXNlcyAnLycsIHdoaWNoIE5vZGUgYWNjZXB0cyBvbiBldmVyeSBwbGF0Zm9ybS5cbmZ1bmN0aW9uIGRpcm5hbWUocGF0aDogc3RyaW5nKTogc3RyaW5nIHtcbiAgY29uc3Qgc2xhc2ggPSBNYXRoLm1heChwYXRoLmxhc3RJbmRleE9mKCcvJyksIHBhdGgubGFzdEluZGV4T2YoJ1xcXFwnKSk7XG4gIHJldHVybiBzbGFzaCA8IDAgPyAnJyA6IHBhdGguc2xpY2UoMCwgc2xhc2ggKyAxKTtcbn1cblxuZnVuY3Rpb24gaXNBYnNvbHV0ZShwYXRoOiBzdHJpbmcpOiBib29sZWFuIHtcbiAgcmV0dXJuIC9eKFtcXFxcL118W0EtWmEtel06W1xcXFwvXSkvLnRlc3QocGF0aCk7XG59XG5cbmZ1bmN0aW9uIGpvaW5QYXRoKGJhc2U6IHN0cmluZywgcmVsYXRpdmU6IHN0cmluZyk6IHN0cmluZyB7XG4gIHJldHVybiBub3JtYWxpemUoaXNBYnNvbHV0ZShyZWxhdGl2ZSkgfHwgYmFzZSA9PT0gJycgPyByZWxhdGl2ZSA6IGJhc2UgKyByZWxhdGl2ZSk7XG59XG5cbmZ1bmN0aW9uIG5vcm1hbGl6ZShwYXRoOiBzdHJpbmcpOiBzdHJpbmcge1xuICBjb25zdCByb290ID0gL14oW0EtWmEtel06KT9bXFxcXC9dLy5leGVjKHBhdGgpPy5bMF0ucmVwbGFjZSgnXFxcXCcsICcvJykgPz8gJyc7XG4gIGNvbnN0IHBhcnRzOiBzdHJpbmdbXSA9IFtdO1xuICBmb3IgKGNvbnN0IHBhcnQgb2YgcGF0aC5zbGljZShyb290Lmxlbmd0aCkuc3BsaXQoL1tcXFxcL10vKSkge1xuICAgIGlmIChwYXJ0ID09PSAnJyB8fCBwYXJ0ID09PSAnLicpIGNvbnRpbnVlO1xuICAgIGlmIChwYXJ0ID09PSAnLi4nICYmIHBhcnRzLmxlbmd0aCA+IDAgJiYgcGFydHNbcGFydHMubGVuZ3RoIC0gMV0gIT09ICcuLicpIHBhcnRzLnBvcCgpO1xuICAgIGVsc2UgaWYgKHBhcnQgPT09ICcuLicgJiYgcm9vdCAhPT0gJycpIGNvbnRpbnVlO1xuICAgIGVsc2UgcGFydHMucHVzaChwYXJ0KTtcbiAgfVxuICByZXR1cm4gcm9vdCArIHBhcnRzLmpvaW4oJy8nKTtcbn1cblxuLyoqXG4gKiBBIHR3by1wYXNzIDY1MDIgYXNzZW1ibGVyLiBQYXNzIDEgcmVhZHMgZXZlcnkgbGluZSAoZm9sbG93aW5nIGAuaW5jbHVkZWApLCBmaXhlcyB0aGUgc2l6ZSBvZiBlYWNoXG4gKiBzdGF0ZW1lbnQgYW5kIHRoZSBhZGRyZXNzIG9mIGV2ZXJ5IGxhYmVsOyBwYXNzIDIgZXZhbHVhdGVzIG9wZXJhbmRzIHdpdGggYWxsIHN5bWJvbHMga25vd24gYW5kIGVtaXRzIGJ5dGVzLlxuICogQW4gb3BlcmFuZCB3aG9zZSB2YWx1ZSBpcyBrbm93biBhbmQgYmVsb3cgJDEwMCBpbiBwYXNzIDEgdXNlcyB6ZXJvIHBhZ2U7IGEgZm9yd2FyZCByZWZlcmVuY2UgdXNlcyB0aGVcbiAqIGFic29sdXRlIGZvcm0sIHNvIHNpemVzIG5ldmVyIGNoYW5nZSBiZXR3ZWVuIHBhc3Nlcy5cbiAqL1xuZXhwb3J0IGZ1bmN0aW9uIGFzc2VtYmxlKHNvdXJjZTogc3RyaW5nLCBvcHRpb25zOiBBc3NlbWJsZU9wdGlvbnMgPSB7fSk6IEFzc2VtYmx5UmVzdWx0IHtcbiAgcmV0dXJuIG5ldyBBc3NlbWJsZXIob3B0aW9ucykucnVuKHNvdXJjZSk7XG59XG5cbmNsYXNzIEFzc2VtYmxlciB7XG4gIHByaXZhdGUgcmVhZG9ubHkgZmlsZU5hbWU6IHN0cmluZztcbiAgcHJpdmF0ZSByZWFkb25seSByZWFkRmlsZTogU291cmNlUmVhZGVyIHwgdW5kZWZpbmVkO1xuICBwcml2YXRlIHJlYWRvbmx5IGdhcEZpbGw6IG51bWJlcjtcbiAgcHJpdmF0ZSByZWFkb25seSBlcnJvcnM6IEFzbUVycm9yW10gPSBbXTtcbiAgcHJpdmF0ZSByZWFkb25seSBzdGF0ZW1lbnRzOiBTdGF0ZW1lbnRbXSA9IFtdO1xuICBwcml2YXRlIHJlYWRvbmx5IHN5bWJvbHMgPSBuZXcgTWFwPHN0cmluZywgbnVtYmVyPigpO1xuICBwcml2YXRlIHJlYWRvbmx5IGRlZmluZWRBdCA9IG5ldyBNYXA8c3RyaW5nLCBMb2NhdGlvbj4oKTtcbiAgcHJpdmF0ZSByZWFkb25seSBlcnJvck9yZGVyOiBudW1iZXJbXSA9IFtdO1xuICAvKiogSW5kZXggb2YgdGhlIHN0YXRlbWVudCBiZWluZyBwYXJzZWQgKHBhc3MgMSkgb3IgZW1pdHRlZCAocGFzcyAyKSwgZm9yIHNvcnRpbmcgZXJyb3JzLiAqL1xuICBwcml2YXRlIG9yZGVyID0gMDtcbiAgcHJpdmF0ZSBwYyA9IDA7XG4gIHByaXZhdGUgc2NvcGUgPSAnJztcbiAgcHJpdmF0ZSBpbmNsdWRlU3RhY2s6IHN0cmluZ1tdID0gW107XG5cbiAgY29uc3RydWN0b3Iob3B0aW9uczogQXNzZW1ibGVPcHRpb25zKSB7XG4gICAgdGhpcy5maWxlTmFtZSA9IG9wdGlvbnMuZmlsZU5hbWUgPz8gJ2lucHV0LmFzbSc7XG4gICAgdGhpcy5yZWFkRmlsZSA9IG9wdGlvbnMucmVhZEZpbGU7XG4gICAgdGhpcy5nYXBGaWxsID0gKG9wdGlvbnMuZ2FwRmlsbCA/PyAweGZmKSAmIDB4ZmY7XG4gIH1cblxuICBydW4oc291cmNlOiBzdHJpbmcpOiBBc3NlbWJseVJlc3VsdCB7XG4gICAgdGhpcy5wYXNzT25lKHNvdXJjZSwgdGhpcy5maWxlTmFtZSk7XG4gICAgdGhpcy5yZXNvbHZlQ29uc3RhbnRzKCk7XG4gICAgY29uc3QgbWVtb3J5ID0gbmV3IFVpbnQ4QXJyYXkoMHgxMDAwMCk7XG4gICAgY29uc3Qgb3duZXIgPSBuZXcgSW50MzJBcnJheSgweDEwMDAwKS5maWxsKC0xKTtcbiAgICBjb25zdCBsaXN0aW5nOiBMaXN0aW5nTGluZVtdID0gW107XG4gICAgdGhpcy5zdGF0ZW1lbnRzLmZvckVhY2goKHN0YXRlbWVudCwgaW5kZXgpID0+IHtcbiAgICAgIHRoaXMub3JkZXIgPSBpbmRleDtcbiAgICAgIGNvbnN0IGJ5dGVzID0gdGhpcy5lbWl0KHN0YXRlbWVudCk7XG4gICAgICBjb25zdCBib2R5ID0gc3RhdGVtZW50LmJvZHk7XG4gICAgICBjb25zdCBlbnRyeTogTGlzdGluZ0xpbmUgPSB7XG4gICAgICAgIGZpbGU6IHN0YXRlbWVudC5sb2MuZmlsZSxcbiAgICAgICAgbGluZTogc3RhdGVtZW50LmxvYy5saW5lLFxuICAgICAgICBhZGRyZXNzOlxuICAgICAgICAgIHN0YXRlbWVudC5zaXplID4gMCB8fCBzdGF0ZW1lbnQubGFiZWwgfHwgYm9keS5raW5kID09PSAnaW5zdHJ1Y3Rpb24nXG4gICAgICAgICAgICA/IHN0YXRlbWVudC5hZGRyZXNzXG4gICAgICAgICAgICA6IHVuZGVmaW5lZCxcbiAgICAgICAgYnl0ZXMsXG4gICAgICAgIHNvdXJjZTogc3RhdGVtZW50LmxvYy5zb3VyY2UsXG4gICAgICB9O1xuICAgICAgY29uc3QgdmFsdWUgPSBib2R5LmtpbmQgPT09ICdjb25zdGFudCcgPyB0aGlzLnN5bWJvbHMuZ2V0KGJvZHkubmFtZSkgOiB1bmRlZmluZWQ7XG4gICAgICBpZiAodmFsdWUgIT09IHVuZGVmaW5lZCkgZW50cnkudmFsdWUgPSB2YWx1ZTtcbiAgICAgIGxpc3RpbmcucHVzaChlbnRyeSk7XG4gICAgICBsZXQgb3ZlcmxhcFJlcG9ydGVkID0gZmFsc2U7XG4gICAgICBieXRlcy5mb3JFYWNoKChieXRlLCBvZmZzZXQpID0+IHtcbiAgICAgICAgY29uc3QgYWRkcmVzcyA9IHN0YXRlbWVudC5hZGRyZXNzICsgb2Zmc2V0O1xuICAgICAgICBpZiAoYWRkcmVzcyA+IDB4ZmZmZikgcmV0dXJuO1xuICAgICAgICBjb25zdCBvdGhlciA9IHRoaXMuc3RhdGVtZW50c1tvd25lclthZGRyZXNzXSA/PyAtMV07XG4gICAgICAgIGlmIChvdGhlciAmJiAhb3ZlcmxhcFJlcG9ydGVkKSB7XG4gICAgICAgICAgb3ZlcmxhcFJlcG9ydGVkID0gdHJ1ZTtcbiAgICAgICAgICB0aGlzLmVycm9yKFxuICAgICAgICAgICAgc3RhdGVtZW50LmxvYyxcbiAgICAgICAgICAgIDEsXG4gICAgICAgICAgICBgYWRkcmVzcyAke2hleChhZGRyZXNzLCA0KX0gaXMgYWxyZWFkeSB1c2VkIGJ5ICR7b3RoZXIubG9jLmZpbGV9OiR7b3RoZXIubG9jLmxpbmV9YCxcbiAgICAgICAgICApO1xuICAgICAgICB9XG4gICAgICAgIG1lbW9yeVthZGRyZXNzXSA9IGJ5dGU7XG4gICAgICAgIG93bmVyW2FkZHJlc3NdID0gaW5kZXg7XG4gICAgICB9KTtcbiAgICB9KTtcbiAgICBjb25zdCBzZWdtZW50czogU2VnbWVudFtdID0gW107XG4gICAgbGV0IHN0YXJ0ID0gLTE7XG4gICAgZm9yIChsZXQgYWRkcmVzcyA9IDA7IGFkZHJlc3MgPD0gMHgxMDAwMDsgYWRkcmVzcysrKSB7XG4gICAgICBjb25zdCB1c2VkID0gYWRkcmVzcyA8IDB4MTAwMDAgJiYgKG93bmVyW2FkZHJlc3NdID8/IC0xKSA+PSAwO1xuICAgICAgaWYgKHVzZWQgJiYgc3RhcnQgPCAwKSBzdGFydCA9IGFkZHJlc3M7XG4gICAgICBpZiAoIXVzZWQgJiYgc3RhcnQgPj0gMCkge1xuICAgICAgICBzZWdtZW50cy5wdXNoKHsgYWRkcmVzczogc3RhcnQsIGJ5dGVzOiBtZW1vcnkuc2xpY2Uoc3RhcnQsIGFkZHJlc3MpIH0pO1xuICAgICAgICBzdGFydCA9IC0xO1xuICAgICAgfVxuICAgIH1cbiAgICBjb25zdCBmaXJzdCA9IHNlZ21lbnRzWzBdO1xuICAgIGNvbnN0IGxhc3QgPSBzZWdtZW50c1tzZWdtZW50cy5sZW5ndGggLSAxXTtcbiAgICBjb25zdCBvcmlnaW4gPSBmaXJzdCA/IGZpcnN0LmFkZHJlc3MgOiAwO1xuICAgIGNvbnN0IGVuZCA9IGxhc3QgPyBsYXN0LmFkZHJlc3MgKyBsYXN0LmJ5dGVzLmxlbmd0aCA6IDA7XG4gICAgY29uc3QgaW1hZ2UgPSBuZXcgVWludDhBcnJheShlbmQgLSBvcmlnaW4pLmZpbGwodGhpcy5nYXBGaWxsKTtcbiAgICBmb3IgKGNvbnN0IHNlZ21lbnQgb2Ygc2VnbWVudHMpIGltYWdlLnNldChzZWdtZW50LmJ5dGVzLCBzZWdtZW50LmFkZHJlc3MgLSBvcmlnaW4pO1xuICAgIHJldHVybiB7XG4gICAgICBvazogdGhpcy5lcnJvcnMubGVuZ3RoID09PSAwLFxuICAgICAgZXJyb3JzOiB0aGlzLnNvcnRlZEVycm9ycygpLFxuICAgICAgc2VnbWVudHMsXG4gICAgICBvcmlnaW4sXG4gICAgICBpbWFnZSxcbiAgICAgIHN5bWJvbHM6IG5ldyBNYXAodGhpcy5zeW1ib2xzKSxcbiAgICAgIGxpc3RpbmcsXG4gICAgfTtcbiAgfVxuXG4gIHByaXZhdGUgZXJyb3IobG9jOiBMb2NhdGlvbiwgY29sdW1uOiBudW1iZXIsIG1lc3NhZ2U6IHN0cmluZyk6IHZvaWQge1xuICAgIHRoaXMuZXJyb3JzLnB1c2goeyBmaWxlOiBsb2MuZmlsZSwgbGluZTogbG9jLmxpbmUsIGNvbHVtbiwgbWVzc2FnZSB9KTtcbiAgICB0aGlzLmVycm9yT3JkZXIucHVzaCh0aGlzLm9yZGVyKTtcbiAgfVxuXG4gIC8qKiBFcnJvcnMgaW4gc291cmNlIG9yZGVyOiBwYXNzIDEgYW5kIHBhc3MgMiBlcnJvcnMgZm9yIG9uZSBzdGF0ZW1lbnQgc2l0IHRvZ2V0aGVyLiAqL1xuICBwcml2YXRlIHNvcnRlZEVycm9ycygpOiBBc21FcnJvcltdIHtcbiAgICByZXR1cm4gdGhpcy5lcnJvcnNcbiAgICAgIC5tYXAoKGVycm9yLCBpbmRleCkgPT4gKHsgZXJyb3IsIG9yZGVyOiB0aGlzLmVycm9yT3JkZXJbaW5kZXhdID8/IDAsIGluZGV4IH0pKVxuICAgICAgLnNvcnQoKGEsIGIpID0+IGEub3JkZXIgLSBiLm9yZGVyIHx8IGEuaW5kZXggLSBiLmluZGV4KVxuICAgICAgLm1hcCgoeyBlcnJvciB9KSA9PiBlcnJvcik7XG4gIH1cblxuICBwcml2YXRlIHBhc3NPbmUoc291cmNlOiBzdHJpbmcsIGZpbGU6IHN0cmluZyk6IHZvaWQge1xuICAgIHRoaXMuaW5jbHVkZVN0YWNrLnB1c2goZmlsZSk7XG4gICAgdHJ5IHtcbiAgICAgIGNvbnN0IGxpbmVzID0gc291cmNlLnNwbGl0KC9cXHJcXG58XFxufFxcci8pO1xuICAgICAgbGluZXMuZm9yRWFjaCgodGV4dCwgaW5kZXgpID0+IHtcbiAgICAgICAgY29uc3QgbG9jOiBMb2NhdGlvbiA9IHsgZmlsZSwgbGluZTogaW5kZXggKyAxLCBzb3VyY2U6IHRleHQgfTtcbiAgICAgICAgdGhpcy5vcmRlciA9IHRoaXMuc3RhdGVtZW50cy5sZW5ndGg7XG4gICAgICAgIHRyeSB7XG4gICAgICAgICAgdGhpcy5wYXJzZUxpbmUobG9jKTtcbiAgICAgICAgfSBjYXRjaCAoZXJyb3IpIHtcbiAgICAgICAgICBpZiAoIShlcnJvciBpbnN0YW5jZW9mIEZhaWwgfHwgZXJyb3IgaW5zdGFuY2VvZiBFeHByZXNzaW9uRXJyb3IpKSB0aHJvdyBlcnJvcjtcbiAgICAgICAgICB0aGlzLmVycm9yKGxvYywgZXJyb3IuY29sdW1uLCBlcnJvci5tZXNzYWdlKTtcbiAgICAgICAgICBpZiAodGhpcy5zdGF0ZW1lbnRzW3RoaXMuc3RhdGVtZW50cy5sZW5ndGggLSAxXT8ubG9jICE9PSBsb2MpIHtcbiAgICAgICAgICAgIGNvbnN0IGJvZHk6IEJvZHkgPSB7IGtpbmQ6ICdub25lJyB9O1xuICAgICAgICAgICAgdGhpcy5zdGF0ZW1lbnRzLnB1c2goe1xuICAgICAgICAgICAgICBsb2MsXG4gICAgICAgICAgICAgIHNjb3BlOiB0aGlzLnNjb3BlLFxuICAgICAgICAgICAgICBhZGRyZXNzOiB0aGlzLnBjLFxuICAgICAgICAgICAgICBzaXplOiAwLFxuICAgICAgICAgICAgICBsYWJlbDogdW5kZWZpbmVkLFxuICAgICAgICAgICAgICBib2R5LFxuICAgICAgICAgICAgfSk7XG4gICAgICAgICAgfVxuICAgICAgICB9XG4gICAgICB9KTtcbiAgICB9IGZpbmFsbHkge1xuICAgICAgdGhpcy5pbmNsdWRlU3RhY2sucG9wKCk7XG4gICAgfVxuICB9XG5cbiAgcHJpdmF0ZSBxdWFsaWZ5KG5hbWU6IHN0cmluZyk6IHN0cmluZyB7XG4gICAgcmV0dXJuIG5hbWUuc3RhcnRzV2l0aCgnQCcpID8gYCR7dGhpcy5zY29wZX0ke25hbWV9YCA6IG5hbWU7XG4gIH1cblxuICBwcml2YXRlIGxvb2t1cEluKHNjb3BlOiBzdHJpbmcpOiAobmFtZTogc3RyaW5nKSA9PiBudW1iZXIgfCB1bmRlZmluZWQge1xuICAgIHJldHVybiAobmFtZSkgPT4gdGhpcy5zeW1ib2xzLmdldChuYW1lLnN0YXJ0c1dpdGgoJ0AnKSA/IGAke3Njb3BlfSR7bmFtZX1gIDogbmFtZSk7XG4gIH1cblxuICBwcml2YXRlIGRlZmluZShuYW1lOiBzdHJpbmcsIHZhbHVlOiBudW1iZXIgfCB1bmRlZmluZWQsIGxvYzogTG9jYXRpb24sIGNvbHVtbjogbnVtYmVyKTogdm9pZCB7XG4gICAgY29uc3Qga2V5ID0gdGhpcy5xdWFsaWZ5KG5hbWUpO1xuICAgIGlmIChSRVNFUlZFRC5oYXMobmFtZS50b1VwcGVyQ2FzZSgpKSkge1xuICAgICAgdGhyb3cgbmV3IEZhaWwoYCcke25hbWV9JyBpcyBhIHJlc2VydmVkIHdvcmQgYW5kIGNhbm5vdCBiZSBhIHN5bWJvbCBuYW1lYCwgY29sdW1uKTtcbiAgICB9XG4gICAgY29uc3QgcHJldmlvdXMgPSB0aGlzLmRlZmluZWRBdC5nZXQoa2V5KTtcbiAgICBpZiAocHJldmlvdXMpIHtcbiAgICAgIHRocm93IG5ldyBGYWlsKGAnJHtuYW1lfScgaXMgYWxyZWFkeSBkZWZpbmVkIGF0ICR7cHJldmlvdXMuZmlsZX06JHtwcmV2aW91cy5saW5lfWAsIGNvbHVtbik7XG4gICAgfVxuICAgIGlmICh2YWx1ZSAhPT0gdW5kZWZpbmVkKSB0aGlzLnN5bWJvbHMuc2V0KGtleSwgdmFsdWUpO1xuICAgIHRoaXMuZGVmaW5lZEF0LnNldChrZXksIGxvYyk7XG4gIH1cblxuICBwcml2YXRlIGFkZChsb2M6IExvY2F0aW9uLCBsYWJlbDogU3RhdGVtZW50WydsYWJlbCddLCBzaXplOiBudW1iZXIsIGJvZHk6IEJvZHkpOiB2b2lkIHtcbiAgICBpZiAodGhpcy5wYyArIHNpemUgPiAweDEwMDAwKSB7XG4gICAgICB0aGlzLmVycm9yKGxvYywgMSwgYHRoaXMgc3RhdGVtZW50IHJ1bnMgcGFzdCAkRkZGRiAoaXQgc3RhcnRzIGF0ICR7aGV4KHRoaXMucGMsIDQpfSlgKTtcbiAgICB9XG4gICAgdGhpcy5zdGF0ZW1lbnRzLnB1c2goeyBsb2MsIHNjb3BlOiB0aGlzLnNjb3BlLCBhZGRyZXNzOiB0aGlzLnBjLCBzaXplLCBsYWJlbCwgYm9keSB9KTtcbiAgICB0aGlzLnBjICs9IHNpemU7XG4gIH1cblxuICBwcml2YXRlIHBhcnNlTGluZShsb2M6IExvY2F0aW9uKTogdm9pZCB7XG4gICAgY29uc3QgeyB0b2tlbnMsIGVycm9ycyB9ID0gdG9rZW5pemVMaW5lKGxvYy5zb3VyY2UpO1xuICAgIGNvbnN0IGZpcnN0RXJyb3IgPSBlcnJvcnNbMF07XG4gICAgaWYgKGZpcnN0RXJyb3IpIHtcbiAgICAgIGZvciAoY29uc3QgZSBvZiBlcnJvcnMuc2xpY2UoMSkpIHRoaXMuZXJyb3IobG9jLCBlLmNvbHVtbiwgZS5tZXNzYWdlKTtcbiAgICAgIHRocm93IG5ldyBGYWlsKGZpcnN0RXJyb3IubWVzc2FnZSwgZmlyc3RFcnJvci5jb2x1bW4pO1xuICAgIH1cbiAgICBjb25zdCBzdHJlYW0gPSBuZXcgVG9rZW5TdHJlYW0odG9rZW5zKTtcbiAgICBsZXQgbGFiZWw6IFN0YXRlbWVudFsnbGFiZWwnXTtcbiAgICBjb25zdCBmaXJzdCA9IHN0cmVhbS5wZWVrKCk7XG5cbiAgICBpZiAoZmlyc3Qua2luZCA9PT0gJ29wJyAmJiBmaXJzdC50ZXh0ID09PSAnKicgJiYgc3RyZWFtLmlzT3AoJz0nLCAxKSkge1xuICAgICAgc3RyZWFtLm5leHQoKTtcbiAgICAgIHN0cmVhbS5uZXh0KCk7XG4gICAgICB0aGlzLnNldE9yaWdpbihzdHJlYW0sIGxvYyk7XG4gICAgICByZXR1cm47XG4gICAgfVxuICAgIGlmIChmaXJzdC5raW5kID09PSAnaWRlbnQnICYmICFmaXJzdC50ZXh0LnN0YXJ0c1dpdGgoJy4nKSkge1xuICAgICAgaWYgKHN0cmVhbS5pc09wKCc9JywgMSkpIHtcbiAgICAgICAgc3RyZWFtLm5leHQoKTtcbiAgICAgICAgc3RyZWFtLm5leHQoKTtcbiAgICAgICAgY29uc3QgZXhwciA9IHBhcnNlRXhwcmVzc2lvbihzdHJlYW0pO1xuICAgICAgICB0aGlzLmV4cGVjdEVuZChzdHJlYW0pO1xuICAgICAgICBjb25zdCB2YWx1ZSA9IHRoaXMudHJ5RXZhbHVhdGUoZXhwcik7XG4gICAgICAgIHRoaXMuZGVmaW5lKGZpcnN0LnRleHQsIHZhbHVlLCBsb2MsIGZpcnN0LmNvbHVtbik7XG4gICAgICAgIHRoaXMuYWRkKGxvYywgdW5kZWZpbmVkLCAwLCB7XG4gICAgICAgICAga2luZDogJ2NvbnN0YW50JyxcbiAgICAgICAgICBuYW1lOiB0aGlzLnF1YWxpZnkoZmlyc3QudGV4dCksXG4gICAgICAgICAgZXhwcixcbiAgICAgICAgICBjb2x1bW46IGZpcnN0LmNvbHVtbixcbiAgICAgICAgfSk7XG4gICAgICAgIHJldHVybjtcbiAgICAgIH1cbiAgICAgIGNvbnN0IGNvbG9uID0gc3RyZWFtLmlzT3AoJzonLCAxKTtcbiAgICAgIGNvbnN0IGlzS2V5d29yZCA9IE1ORU1PTklDUy5oYXMoZmlyc3QudGV4dC50b1VwcGVyQ2FzZSgpKTtcbiAgICAgIGlmIChjb2xvbiB8fCAoZmlyc3QuY29sdW1uID09PSAxICYmICFpc0tleXdvcmQpKSB7XG4gICAgICAgIHN0cmVhbS5uZXh0KCk7XG4gICAgICAgIGlmIChjb2xvbikgc3RyZWFtLm5leHQoKTtcbiAgICAgICAgaWYgKCFmaXJzdC50ZXh0LnN0YXJ0c1dpdGgoJ0AnKSkgdGhpcy5zY29wZSA9IGZpcnN0LnRleHQ7XG4gICAgICAgIHRoaXMuZGVmaW5lKGZpcnN0LnRleHQsIHRoaXMucGMsIGxvYywgZmlyc3QuY29sdW1uKTtcbiAgICAgICAgbGFiZWwgPSB7IG5hbWU6IHRoaXMucXVhbGlmeShmaXJzdC50ZXh0KSwgY29sdW1uOiBmaXJzdC5jb2x1bW4gfTtcbiAgICAgIH1cbiAgICB9XG5cbiAgICBjb25zdCB3b3JkID0gc3RyZWFtLnBlZWsoKTtcbiAgICBpZiAod29yZC5raW5kID09PSAnZW9sJykge1xuICAgICAgdGhpcy5hZGQobG9jLCBsYWJlbCwgMCwgeyBraW5kOiAnbm9uZScgfSk7XG4gICAgICByZXR1cm47XG4gICAgfVxuICAgIGlmICh3b3JkLmtpbmQgIT09ICdpZGVudCcpIHtcbiAgICAgIGlmIChsYWJlbCAmJiAhc3RyZWFtLmlzT3AoJzonLCAtMSkpIHtcbiAgICAgICAgdGhyb3cgbmV3IEZhaWwoYHVua25vd24gaW5zdHJ1Y3Rpb24gJyR7Zmlyc3QudGV4dH0nYCwgZmlyc3QuY29sdW1uKTtcbiAgICAgIH1cbiAgICAgIHRocm93IG5ldyBGYWlsKGBleHBlY3RlZCBhbiBpbnN0cnVjdGlvbiBvciBkaXJlY3RpdmUsIGZvdW5kICcke3dvcmQudGV4dH0nYCwgd29yZC5jb2x1bW4pO1xuICAgIH1cbiAgICBzdHJlYW0ubmV4dCgpO1xuICAgIGNvbnN0IG5hbWUgPSB3b3JkLnRleHQudG9Mb3dlckNhc2UoKTtcbiAgICBpZiAobmFtZS5zdGFydHNXaXRoKCcuJykpIHtcbiAgICAgIHRoaXMucGFyc2VEaXJlY3RpdmUobmFtZSwgd29yZCwgc3RyZWFtLCBsb2MsIGxhYmVsKTtcbiAgICAgIHJldHVybjtcbiAgICB9XG4gICAgY29uc3QgbW5lbW9uaWMgPSB3b3JkLnRleHQudG9VcHBlckNhc2UoKTtcbiAgICBpZiAoIU1ORU1PTklDUy5oYXMobW5lbW9uaWMpKSB7XG4gICAgICBpZiAoc3RyZWFtLmlzT3AoJz0nKSkge1xuICAgICAgICB0aHJvdyBuZXcgRmFpbChgY29uc3RhbnQgJyR7d29yZC50ZXh0fScgbXVzdCBzdGFydCB0aGUgbGluZWAsIHdvcmQuY29sdW1uKTtcbiAgICAgIH1cbiAgICAgIHRocm93IG5ldyBGYWlsKGB1bmtub3duIGluc3RydWN0aW9uICcke3dvcmQudGV4dH0nYCwgd29yZC5jb2x1bW4pO1xuICAgIH1cbiAgICB0aGlzLnBhcnNlSW5zdHJ1Y3Rpb24obW5lbW9uaWMsIHdvcmQsIHN0cmVhbSwgbG9jLCBsYWJlbCk7XG4gIH1cblxuICBwcml2YXRlIGV4cGVjdEVuZChzdHJlYW06IFRva2VuU3RyZWFtKTogdm9pZCB7XG4gICAgY29uc3QgdG9rZW4gPSBzdHJlYW0ucGVlaygpO1xuICAgIGlmICh0b2tlbi5raW5kICE9PSAnZW9sJylcbiAgICAgIHRocm93IG5ldyBGYWlsKGB1bmV4cGVjdGVkICcke3Rva2VuLnRleHR9JyBhZnRlciB0aGUgZW5kIG9mIHRoZSBzdGF0ZW1lbnRgLCB0b2tlbi5jb2x1bW4pO1xuICB9XG5cbiAgcHJpdmF0ZSB0cnlFdmFsdWF0ZShleHByOiBFeHByKTogbnVtYmVyIHwgdW5kZWZpbmVkIHtcbiAgICByZXR1cm4gZXZhbHVhdGUoZXhwciwgeyBsb29rdXA6IHRoaXMubG9va3VwSW4odGhpcy5zY29wZSksIHBjOiB0aGlzLnBjIH0pO1xuICB9XG5cbiAgcHJpdmF0ZSByZXF1aXJlS25vd24oZXhwcjogRXhwciwgY29sdW1uOiBudW1iZXIsIHdoYXQ6IHN0cmluZyk6IG51bWJlciB7XG4gICAgY29uc3QgbWlzc2luZzogc3RyaW5nW10gPSBbXTtcbiAgICBjb25zdCB2YWx1ZSA9IGV2YWx1YXRlKGV4cHIsIHsgbG9va3VwOiB0aGlzLmxvb2t1cEluKHRoaXMuc2NvcGUpLCBwYzogdGhpcy5wYyB9LCAobmFtZSkgPT5cbiAgICAgIG1pc3NpbmcucHVzaChuYW1lKSxcbiAgICApO1xuICAgIGlmICh2YWx1ZSA9PT0gdW5kZWZpbmVkKSB7XG4gICAgICB0aHJvdyBuZXcgRmFpbChcbiAgICAgICAgYCR7d2hhdH0gbXVzdCBiZSBrbm93biBpbiBwYXNzIDEsIGJ1dCAnJHttaXNzaW5nWzBdID8/ICc/J30nIGlzIG5vdCBkZWZpbmVkIHlldGAsXG4gICAgICAgIGNvbHVtbixcbiAgICAgICk7XG4gICAgfVxuICAgIHJldHVybiB2YWx1ZTtcbiAgfVxuXG4gIHByaXZhdGUgc2V0T3JpZ2luKHN0cmVhbTogVG9rZW5TdHJlYW0sIGxvYzogTG9jYXRpb24pOiB2b2lkIHtcbiAgICBjb25zdCBjb2x1bW4gPSBzdHJlYW0ucGVlaygpLmNvbHVtbjtcbiAgICBjb25zdCB2YWx1ZSA9IHRoaXMucmVxdWlyZUtub3duKHBhcnNlRXhwcmVzc2lvbihzdHJlYW0pLCBjb2x1bW4sICd0aGUgb3JpZ2luJyk7XG4gICAgdGhpcy5leHBlY3RFbmQoc3RyZWFtKTtcbiAgICBpZiAodmFsdWUgPCAwIHx8IHZhbHVlID4gMHhmZmZmKSB0aHJvdyBuZXcgRmFpbChgb3JpZ2luICR7dmFsdWV9IGlzIG91dHNpZGUgJDAwMDAtJEZGRkZgLCBjb2x1bW4pO1xuICAgIHRoaXMuYWRkKGxvYywgdW5kZWZpbmVkLCAwLCB7IGtpbmQ6ICdub25lJyB9KTtcbiAgICB0aGlzLnBjID0gdmFsdWU7XG4gIH1cblxuICBwcml2YXRlIHBhcnNlRGlyZWN0aXZlKFxuICAgIG5hbWU6IHN0cmluZyxcbiAgICB3b3JkOiBUb2tlbixcbiAgICBzdHJlYW06IFRva2VuU3RyZWFtLFxuICAgIGxvYzogTG9jYXRpb24sXG4gICAgbGFiZWw6IFN0YXRlbWVudFsnbGFiZWwnXSxcbiAgKTogdm9pZCB7XG4gICAgc3dpdGNoIChuYW1lKSB7XG4gICAgICBjYXNlICcub3JnJzoge1xuICAgICAgICBpZiAobGFiZWwpXG4gICAgICAgICAgdGhyb3cgbmV3IEZhaWwoJ2EgbGFiZWwgY2Fubm90IHNoYXJlIGEgbGluZSB3aXRoIC5vcmcgKHB1dCBpdCBvbiB0aGUgbmV4dCBsaW5lKScsIGxhYmVsLmNvbHVtbik7XG4gICAgICAgIHRoaXMuc2V0T3JpZ2luKHN0cmVhbSwgbG9jKTtcbiAgICAgICAgcmV0dXJuO1xuICAgICAgfVxuICAgICAgY2FzZSAnLmJ5dGUnOlxuICAgICAgY2FzZSAnLnRleHQnOlxuICAgICAgY2FzZSAnLndvcmQnOiB7XG4gICAgICAgIGNvbnN0IHdpZHRoID0gbmFtZSA9PT0gJy53b3JkJyA/IDIgOiAxO1xuICAgICAgICBjb25zdCBpdGVtczogRGF0YUl0ZW1bXSA9IFtdO1xuICAgICAgICBsZXQgc2l6ZSA9IDA7XG4gICAgICAgIGRvIHtcbiAgICAgICAgICBjb25zdCB0b2tlbiA9IHN0cmVhbS5wZWVrKCk7XG4gICAgICAgICAgaWYgKHRva2VuLmtpbmQgPT09ICdzdHJpbmcnKSB7XG4gICAgICAgICAgICBpZiAod2lkdGggPT09IDIpIHRocm93IG5ldyBGYWlsKCcud29yZCBkb2VzIG5vdCB0YWtlIHN0cmluZ3MnLCB0b2tlbi5jb2x1bW4pO1xuICAgICAgICAgICAgc3RyZWFtLm5leHQoKTtcbiAgICAgICAgICAgIGl0ZW1zLnB1c2goeyBraW5kOiAnc3RyaW5nJywgdGV4dDogdG9rZW4udGV4dCB9KTtcbiAgICAgICAgICAgIHNpemUgKz0gdG9rZW4udGV4dC5sZW5ndGg7XG4gICAgICAgICAgfSBlbHNlIHtcbiAgICAgICAgICAgIGl0ZW1zLnB1c2goeyBraW5kOiAnZXhwcicsIGV4cHI6IHBhcnNlRXhwcmVzc2lvbihzdHJlYW0pIH0pO1xuICAgICAgICAgICAgc2l6ZSArPSB3aWR0aDtcbiAgICAgICAgICB9XG4gICAgICAgIH0gd2hpbGUgKHN0cmVhbS5pc09wKCcsJykgJiYgc3RyZWFtLm5leHQoKSk7XG4gICAgICAgIHRoaXMuZXhwZWN0RW5kKHN0cmVhbSk7XG4gICAgICAgIHRoaXMuYWRkKGxvYywgbGFiZWwsIHNpemUsIHsga2luZDogJ2RhdGEnLCB3aWR0aCwgaXRlbXMgfSk7XG4gICAgICAgIHJldHVybjtcbiAgICAgIH1cbiAgICAgIGNhc2UgJy5maWxsJzoge1xuICAgICAgICBjb25zdCBjb2x1bW4gPSBzdHJlYW0ucGVlaygpLmNvbHVtbjtcbiAgICAgICAgY29uc3QgY291bnQgPSB0aGlzLnJlcXVpcmVLbm93bihwYXJzZUV4cHJlc3Npb24oc3RyZWFtKSwgY29sdW1uLCAndGhlIC5maWxsIGNvdW50Jyk7XG4gICAgICAgIGxldCB2YWx1ZTogRXhwciB8IHVuZGVmaW5lZDtcbiAgICAgICAgaWYgKHN0cmVhbS5pc09wKCcsJykpIHtcbiAgICAgICAgICBzdHJlYW0ubmV4dCgpO1xuICAgICAgICAgIHZhbHVlID0gcGFyc2VFeHByZXNzaW9uKHN0cmVhbSk7XG4gICAgICAgIH1cbiAgICAgICAgdGhpcy5leHBlY3RFbmQoc3RyZWFtKTtcbiAgICAgICAgaWYgKGNvdW50IDwgMCB8fCBjb3VudCA+IDB4MTAwMDApIHRocm93IG5ldyBGYWlsKGAuZmlsbCBjb3VudCAke2NvdW50fSBpcyBvdXRzaWRlIDAtNjU1MzZgLCBjb2x1bW4pO1xuICAgICAgICB0aGlzLmFkZChsb2MsIGxhYmVsLCBjb3VudCwgeyBraW5kOiAnZmlsbCcsIGNvdW50LCB2YWx1ZSB9KTtcbiAgICAgICAgcmV0dXJuO1xuICAgICAgfVxuICAgICAgY2FzZSAnLmFsaWduJzoge1xuICAgICAgICBjb25zdCBjb2x1bW4gPSBzdHJlYW0ucGVlaygpLmNvbHVtbjtcbiAgICAgICAgY29uc3QgYm91bmRhcnkgPSB0aGlzLnJlcXVpcmVLbm93bihwYXJzZUV4cHJlc3Npb24oc3RyZWFtKSwgY29sdW1uLCAndGhlIC5hbGlnbiBib3VuZGFyeScpO1xuICAgICAgICBsZXQgdmFsdWU6IEV4cHIgfCB1bmRlZmluZWQ7XG4gICAgICAgIGlmIChzdHJlYW0uaXNPcCgnLCcpKSB7XG4gICAgICAgICAgc3RyZWFtLm5leHQoKTtcbiAgICAgICAgICB2YWx1ZSA9IHBhcnNlRXhwcmVzc2lvbihzdHJlYW0pO1xuICAgICAgICB9XG4gICAgICAgIHRoaXMuZXhwZWN0RW5kKHN0cmVhbSk7XG4gICAgICAgIGlmIChib3VuZGFyeSA8IDEgfHwgYm91bmRhcnkgPiAweDEwMDAwKVxuICAgICAgICAgIHRocm93IG5ldyBGYWlsKGAuYWxpZ24gYm91bmRhcnkgJHtib3VuZGFyeX0gaXMgb3V0c2lkZSAxLTY1NTM2YCwgY29sdW1uKTtcbiAgICAgICAgY29uc3QgY291bnQgPSAoYm91bmRhcnkgLSAodGhpcy5wYyAlIGJvdW5kYXJ5KSkgJSBib3VuZGFyeTtcbiAgICAgICAgaWYgKGxhYmVsKSB0aGlzLnN5bWJvbHMuc2V0KGxhYmVsLm5hbWUsIHRoaXMucGMgKyBjb3VudCk7XG4gICAgICAgIHRoaXMuYWRkKGxvYywgbGFiZWwsIGNvdW50LCB7IGtpbmQ6ICdmaWxsJywgY291bnQsIHZhbHVlIH0pO1xuICAgICAgICByZXR1cm47XG4gICAgICB9XG4gICAgICBjYXNlICcuaW5jbHVkZSc6IHtcbiAgICAgICAgY29uc3QgdG9rZW4gPSBzdHJlYW0ubmV4dCgpO1xuICAgICAgICBpZiAodG9rZW4ua2luZCAhPT0gJ3N0cmluZycpXG4gICAgICAgICAgdGhyb3cgbmV3IEZhaWwoJy5pbmNsdWRlIG5lZWRzIGEgZmlsZSBuYW1lIGluIGRvdWJsZSBxdW90ZXMnLCB0b2tlbi5jb2x1bW4pO1xuICAgICAgICB0aGlzLmV4cGVjdEVuZChzdHJlYW0pO1xuICAgICAgICBpZiAobGFiZWwpIHRoaXMuYWRkKGxvYywgbGFiZWwsIDAsIHsga2luZDogJ25vbmUnIH0pO1xuICAgICAgICBpZiAoIXRoaXMucmVhZEZpbGUpXG4gICAgICAgICAgdGhyb3cgbmV3IEZhaWwoYGNhbm5vdCBpbmNsdWRlICcke3Rva2VuLnRleHR9Jzogbm8gZmlsZSByZWFkZXIgd2FzIGdpdmVuYCwgdG9rZW4uY29sdW1uKTtcbiAgICAgICAgaWYgKHRoaXMuaW5jbHVkZVN0YWNrLmxlbmd0aCA+PSBNQVhfSU5DTFVERV9ERVBUSCkge1xuICAgICAgICAgIHRocm93IG5ldyBGYWlsKGBpbmNsdWRlcyBhcmUgbmVzdGVkIG1vcmUgdGhhbiAke01BWF9JTkNMVURFX0RFUFRIfSBkZWVwYCwgdG9rZW4uY29sdW1uKTtcbiAgICAgICAgfVxuICAgICAgICBjb25zdCBwYXRoID0gam9pblBhdGgoZGlybmFtZShsb2MuZmlsZSksIHRva2VuLnRleHQpO1xuICAgICAgICBpZiAodGhpcy5pbmNsdWRlU3RhY2suaW5jbHVkZXMocGF0aCkpIHtcbiAgICAgICAgICB0aHJvdyBuZXcgRmFpbChcbiAgICAgICAgICAgIGAnJHtwYXRofScgaW5jbHVkZXMgaXRzZWxmICgke1suLi50aGlzLmluY2x1ZGVTdGFjaywgcGF0aF0uam9pbignIC0+ICcpfSlgLFxuICAgICAgICAgICAgdG9rZW4uY29sdW1uLFxuICAgICAgICAgICk7XG4gICAgICAgIH1cbiAgICAgICAgY29uc3QgdGV4dCA9IHRoaXMucmVhZEZpbGUocGF0aCk7XG4gICAgICAgIGlmICh0ZXh0ID09PSB1bmRlZmluZWQpIHRocm93IG5ldyBGYWlsKGBjYW5ub3QgcmVhZCBpbmNsdWRlZCBmaWxlICcke3BhdGh9J2AsIHRva2VuLmNvbHVtbik7XG4gICAgICAgIHRoaXMuYWRkKGxvYywgdW5kZWZpbmVkLCAwLCB7IGtpbmQ6ICdub25lJyB9KTtcbiAgICAgICAgdGhpcy5wYXNzT25lKHRleHQsIHBhdGgpO1xuICAgICAgICByZXR1cm47XG4gICAgICB9XG4gICAgICBkZWZhdWx0OlxuICAgICAgICB0aHJvdyBuZXcgRmFpbChgdW5rbm93biBkaXJlY3RpdmUgJyR7d29yZC50ZXh0fScgKGtub3duOiAke1suLi5ESVJFQ1RJVkVTXS5qb2luKCcgJyl9KWAsIHdvcmQuY29sdW1uKTtcbiAgICB9XG4gIH1cblxuICBwcml2YXRlIHBhcnNlSW5zdHJ1Y3Rpb24oXG4gICAgbW5lbW9uaWM6IHN0cmluZyxcbiAgICB3b3JkOiBUb2tlbixcbiAgICBzdHJlYW06IFRva2VuU3RyZWFtLFxuICAgIGxvYzogTG9jYXRpb24sXG4gICAgbGFiZWw6IFN0YXRlbWVudFsnbGFiZWwnXSxcbiAgKTogdm9pZCB7XG4gICAgY29uc3Qgb3BlcmFuZENvbHVtbiA9IHN0cmVhbS5wZWVrKCkuY29sdW1uO1xuICAgIGNvbnN0IHsgbW9kZXMsIG9wZXJhbmQgfSA9IHRoaXMucGFyc2VPcGVyYW5kKG1uZW1vbmljLCBzdHJlYW0pO1xuICAgIHRoaXMuZXhwZWN0RW5kKHN0cmVhbSk7XG4gICAgY29uc3QgaW5mbyA9IHRoaXMuY2hvb3NlT3Bjb2RlKG1uZW1vbmljLCBtb2Rlcywgb3BlcmFuZCk7XG4gICAgaWYgKCFpbmZvKSB7XG4gICAgICB0aHJvdyBuZXcgRmFpbChcbiAgICAgICAgYCR7bW5lbW9uaWN9IGhhcyBubyAke2Rlc2NyaWJlTW9kZXMobW9kZXMpfSBhZGRyZXNzaW5nIG1vZGVgLFxuICAgICAgICBtb2Rlcy5sZW5ndGggPyBvcGVyYW5kQ29sdW1uIDogd29yZC5jb2x1bW4sXG4gICAgICApO1xuICAgIH1cbiAgICB0aGlzLmFkZChsb2MsIGxhYmVsLCBpbmZvLmJ5dGVzLCB7IGtpbmQ6ICdpbnN0cnVjdGlvbicsIGluZm8sIG9wZXJhbmQsIG9wZXJhbmRDb2x1bW4gfSk7XG4gIH1cblxuICBwcml2YXRlIHBhcnNlT3BlcmFuZChcbiAgICBtbmVtb25pYzogc3RyaW5nLFxuICAgIHN0cmVhbTogVG9rZW5TdHJlYW0sXG4gICk6IHsgbW9kZXM6IEFkZHJlc3NpbmdNb2RlW107IG9wZXJhbmQ6IEV4cHIgfCB1bmRlZmluZWQgfSB7XG4gICAgY29uc3QgZmlyc3QgPSBzdHJlYW0ucGVlaygpO1xuICAgIGlmIChmaXJzdC5raW5kID09PSAnZW9sJykgcmV0dXJuIHsgbW9kZXM6IFsnaW1wJywgJ2FjYyddLCBvcGVyYW5kOiB1bmRlZmluZWQgfTtcbiAgICBpZiAoZmlyc3Qua2luZCA9PT0gJ2lkZW50JyAmJiBmaXJzdC50ZXh0LnRvVXBwZXJDYXNlKCkgPT09ICdBJyAmJiBzdHJlYW0ucGVlaygxKS5raW5kID09PSAnZW9sJykge1xuICAgICAgc3RyZWFtLm5leHQoKTtcbiAgICAgIHJldHVybiB7IG1vZGVzOiBbJ2FjYyddLCBvcGVyYW5kOiB1bmRlZmluZWQgfTtcbiAgICB9XG4gICAgaWYgKGZpcnN0LmtpbmQgPT09ICdvcCcgJiYgZmlyc3QudGV4dCA9PT0gJyMnKSB7XG4gICAgICBzdHJlYW0ubmV4dCgpO1xuICAgICAgcmV0dXJuIHsgbW9kZXM6IFsnaW1tJ10sIG9wZXJhbmQ6IHBhcnNlRXhwcmVzc2lvbihzdHJlYW0pIH07XG4gICAgfVxuICAgIGlmIChCUkFOQ0hFUy5oYXMobW5lbW9uaWMpKSByZXR1cm4geyBtb2RlczogWydyZWwnXSwgb3BlcmFuZDogcGFyc2VFeHByZXNzaW9uKHN0cmVhbSkgfTtcbiAgICBpZiAoZmlyc3Qua2luZCA9PT0gJ29wJyAmJiBmaXJzdC50ZXh0ID09PSAnKCcpIHtcbiAgICAgIGNvbnN0IHN0YXJ0ID0gc3RyZWFtLnBvcztcbiAgICAgIHN0cmVhbS5uZXh0KCk7XG4gICAgICBjb25zdCBpbm5lciA9IHBhcnNlRXhwcmVzc2lvbihzdHJlYW0pO1xuICAgICAgaWYgKHN0cmVhbS5pc09wKCcsJykgJiYgdGhpcy5pc1JlZ2lzdGVyKHN0cmVhbS5wZWVrKDEpLCAnWCcpICYmIHN0cmVhbS5pc09wKCcpJywgMikpIHtcbiAgICAgICAgc3RyZWFtLm5leHQoKTtcbiAgICAgICAgc3RyZWFtLm5leHQoKTtcbiAgICAgICAgc3RyZWFtLm5leHQoKTtcbiAgICAgICAgcmV0dXJuIHsgbW9kZXM6IFsnaXp4J10sIG9wZXJhbmQ6IGlubmVyIH07XG4gICAgICB9XG4gICAgICBpZiAoc3RyZWFtLmlzT3AoJyknKSkge1xuICAgICAgICBjb25zdCBhZnRlciA9IHN0cmVhbS5wZWVrKDEpO1xuICAgICAgICBpZiAoYWZ0ZXIua2luZCA9PT0gJ29wJyAmJiBhZnRlci50ZXh0ID09PSAnLCcgJiYgdGhpcy5pc1JlZ2lzdGVyKHN0cmVhbS5wZWVrKDIpLCAnWScpKSB7XG4gICAgICAgICAgc3RyZWFtLm5leHQoKTtcbiAgICAgICAgICBzdHJlYW0ubmV4dCgpO1xuICAgICAgICAgIHN0cmVhbS5uZXh0KCk7XG4gICAgICAgICAgcmV0dXJuIHsgbW9kZXM6IFsnaXp5J10sIG9wZXJhbmQ6IGlubmVyIH07XG4gICAgICAgIH1cbiAgICAgICAgaWYgKGFmdGVyLmtpbmQgPT09ICdlb2wnICYmIG1uZW1vbmljID09PSAnSk1QJykge1xuICAgICAgICAgIHN0cmVhbS5uZXh0KCk7XG4gICAgICAgICAgcmV0dXJuIHsgbW9kZXM6IFsnaW5kJ10sIG9wZXJhbmQ6IGlubmVyIH07XG4gICAgICAgIH1cbiAgICAgIH1cbiAgICAgIHN0cmVhbS5wb3MgPSBzdGFydDtcbiAgICB9XG4gICAgY29uc3Qgb3BlcmFuZCA9IHBhcnNlRXhwcmVzc2lvbihzdHJlYW0pO1xuICAgIGlmIChzdHJlYW0uaXNPcCgnLCcpKSB7XG4gICAgICBzdHJlYW0ubmV4dCgpO1xuICAgICAgY29uc3QgcmVnaXN0ZXIgPSBzdHJlYW0ubmV4dCgpO1xuICAgICAgaWYgKHRoaXMuaXNSZWdpc3RlcihyZWdpc3RlciwgJ1gnKSkgcmV0dXJuIHsgbW9kZXM6IFsnenB4JywgJ2FieCddLCBvcGVyYW5kIH07XG4gICAgICBpZiAodGhpcy5pc1JlZ2lzdGVyKHJlZ2lzdGVyLCAnWScpKSByZXR1cm4geyBtb2RlczogWyd6cHknLCAnYWJ5J10sIG9wZXJhbmQgfTtcbiAgICAgIHRocm93IG5ldyBGYWlsKGBleHBlY3RlZCBYIG9yIFkgYWZ0ZXIgJywnIGJ1dCBmb3VuZCAnJHtyZWdpc3Rlci50ZXh0fSdgLCByZWdpc3Rlci5jb2x1bW4pO1xuICAgIH1cbiAgICByZXR1cm4geyBtb2RlczogWyd6cCcsICdhYnMnXSwgb3BlcmFuZCB9O1xuICB9XG5cbiAgcHJpdmF0ZSBpc1JlZ2lzdGVyKHRva2VuOiBUb2tlbiwgcmVnaXN0ZXI6ICdYJyB8ICdZJyk6IGJvb2xlYW4ge1xuICAgIHJldHVybiB0b2tlbi5raW5kID09PSAnaWRlbnQnICYmIHRva2VuLnRleHQudG9VcHBlckNhc2UoKSA9PT0gcmVnaXN0ZXI7XG4gIH1cblxuICBwcml2YXRlIGNob29zZU9wY29kZShcbiAgICBtbmVtb25pYzogc3RyaW5nLFxuICAgIG1vZGVzOiBBZGRyZXNzaW5nTW9kZVtdLFxuICAgIG9wZXJhbmQ6IEV4cHIgfCB1bmRlZmluZWQsXG4gICk6IE9wY29kZUluZm8gfCB1bmRlZmluZWQge1xuICAgIGNvbnN0IGNhbmRpZGF0ZXMgPSBtb2Rlcy5mbGF0TWFwKChtb2RlKSA9PiB7XG4gICAgICBjb25zdCBpbmZvID0gZmluZE9wY29kZShtbmVtb25pYywgbW9kZSk7XG4gICAgICByZXR1cm4gaW5mbyA/IFtpbmZvXSA6IFtdO1xuICAgIH0pO1xuICAgIGNvbnN0IFt6ZXJvUGFnZSwgYWJzb2x1dGVdID0gY2FuZGlkYXRlcztcbiAgICBpZiAoY2FuZGlkYXRlcy5sZW5ndGggPCAyIHx8ICF6ZXJvUGFnZSB8fCAhYWJzb2x1dGUpIHJldHVybiBjYW5kaWRhdGVzWzBdO1xuICAgIGlmICh6ZXJvUGFnZS5tb2RlID09PSAnaW1wJykgcmV0dXJuIHplcm9QYWdlO1xuICAgIGNvbnN0IHZhbHVlID0gb3BlcmFuZCA/IHRoaXMudHJ5RXZhbHVhdGUob3BlcmFuZCkgOiB1bmRlZmluZWQ7XG4gICAgcmV0dXJuIHZhbHVlICE9PSB1bmRlZmluZWQgJiYgdmFsdWUgPj0gMCAmJiB2YWx1ZSA8PSAweGZmID8gemVyb1BhZ2UgOiBhYnNvbHV0ZTtcbiAgfVxuXG4gIHByaXZhdGUgcmVzb2x2ZUNvbnN0YW50cygpOiB2b2lkIHtcbiAgICBjb25zdCBwZW5kaW5nID0gdGhpcy5zdGF0ZW1lbnRzLmZpbHRlcihcbiAgICAgIChzKSA9PiBzLmJvZHkua2luZCA9PT0gJ2NvbnN0YW50JyAmJiAhdGhpcy5zeW1ib2xzLmhhcyhzLmJvZHkubmFtZSksXG4gICAgKTtcbiAgICBsZXQgcHJvZ3Jlc3MgPSB0cnVlO1xuICAgIHdoaWxlIChwcm9ncmVzcyAmJiBwZW5kaW5nLmxlbmd0aCA+IDApIHtcbiAgICAgIHByb2dyZXNzID0gZmFsc2U7XG4gICAgICBmb3IgKGxldCBpID0gcGVuZGluZy5sZW5ndGggLSAxOyBpID49IDA7IGktLSkge1xuICAgICAgICBjb25zdCBzdGF0ZW1lbnQgPSBwZW5kaW5nW2ldO1xuICAgICAgICBpZiAoIXN0YXRlbWVudCB8fCBzdGF0ZW1lbnQuYm9keS5raW5kICE9PSAnY29uc3RhbnQnKSBjb250aW51ZTtcbiAgICAgICAgbGV0IHZhbHVlOiBudW1iZXIgfCB1bmRlZmluZWQ7XG4gICAgICAgIHRyeSB7XG4gICAgICAgICAgdmFsdWUgPSBldmFsdWF0ZShzdGF0ZW1lbnQuYm9keS5leHByLCB7XG4gICAgICAgICAgICBsb29rdXA6IHRoaXMubG9va3VwSW4oc3RhdGVtZW50LnNjb3BlKSxcbiAgICAgICAgICAgIHBjOiBzdGF0ZW1lbnQuYWRkcmVzcyxcbiAgICAgICAgICB9KTtcbiAgICAgICAgfSBjYXRjaCB7XG4gICAgICAgICAgdmFsdWUgPSB1bmRlZmluZWQ7XG4gICAgICAgIH1cbiAgICAgICAgaWYgKHZhbHVlICE9PSB1bmRlZmluZWQpIHtcbiAgICAgICAgICB0aGlzLnN5bWJvbHMuc2V0KHN0YXRlbWVudC5ib2R5Lm5hbWUsIHZhbHVlKTtcbiAgICAgICAgICBwZW5kaW5nLnNwbGljZShpLCAxKTtcbiAgICAgICAgICBwcm9ncmVzcyA9IHRydWU7XG4gICAgICAgIH1cbiAgICAgIH1cbiAgICB9XG4gIH1cblxuICBwcml2YXRlIHZhbHVlKHN0YXRlbWVudDogU3RhdGVtZW50LCBleHByOiBFeHByLCBwYyA9IHN0YXRlbWVudC5hZGRyZXNzKTogbnVtYmVyIHwgdW5kZWZpbmVkIHtcbiAgICBjb25zdCBtaXNzaW5nOiB7IG5hbWU6IHN0cmluZzsgY29sdW1uOiBudW1iZXIgfVtdID0gW107XG4gICAgdHJ5IHtcbiAgICAgIGNvbnN0IHZhbHVlID0gZXZhbHVhdGUoZXhwciwgeyBsb29rdXA6IHRoaXMubG9va3VwSW4oc3RhdGVtZW50LnNjb3BlKSwgcGMgfSwgKG5hbWUsIGNvbHVtbikgPT5cbiAgICAgICAgbWlzc2luZy5wdXNoKHsgbmFtZSwgY29sdW1uIH0pLFxuICAgICAgKTtcbiAgICAgIGZvciAoY29uc3QgbSBvZiBtaXNzaW5nKSB0aGlzLmVycm9yKHN0YXRlbWVudC5sb2MsIG0uY29sdW1uLCBgdW5kZWZpbmVkIHN5bWJvbCAnJHttLm5hbWV9J2ApO1xuICAgICAgcmV0dXJuIHZhbHVlO1xuICAgIH0gY2F0Y2ggKGVycm9yKSB7XG4gICAgICBpZiAoZXJyb3IgaW5zdGFuY2VvZiBFeHByZXNzaW9uRXJyb3IpIHtcbiAgICAgICAgdGhpcy5lcnJvcihzdGF0ZW1lbnQubG9jLCBlcnJvci5jb2x1bW4sIGVycm9yLm1lc3NhZ2UpO1xuICAgICAgICByZXR1cm4gdW5kZWZpbmVkO1xuICAgICAgfVxuICAgICAgdGhyb3cgZXJyb3I7XG4gICAgfVxuICB9XG5cbiAgcHJpdmF0ZSBlbWl0KHN0YXRlbWVudDogU3RhdGVtZW50KTogbnVtYmVyW10ge1xuICAgIGNvbnN0IGJvZHkgPSBzdGF0ZW1lbnQuYm9keTtcbiAgICBzd2l0Y2ggKGJvZHkua2luZCkge1xuICAgICAgY2FzZSAnbm9uZSc6XG4gICAgICAgIHJldHVybiBbXTtcbiAgICAgIGNhc2UgJ2NvbnN0YW50Jzoge1xuICAgICAgICBpZiAoIXRoaXMuc3ltYm9scy5oYXMoYm9keS5uYW1lKSkgdGhpcy52YWx1ZShzdGF0ZW1lbnQsIGJvZHkuZXhwcik7XG4gICAgICAgIHJldHVybiBbXTtcbiAgICAgIH1cbiAgICAgIGNhc2UgJ2ZpbGwnOiB7XG4gICAgICAgIGNvbnN0IHZhbHVlID0gYm9keS52YWx1ZSA/IHRoaXMuY2hlY2tlZEJ5dGUoc3RhdGVtZW50LCBib2R5LnZhbHVlKSA6IDA7XG4gICAgICAgIHJldHVybiBuZXcgQXJyYXk8bnVtYmVyPihib2R5LmNvdW50KS5maWxsKHZhbHVlKTtcbiAgICAgIH1cbiAgICAgIGNhc2UgJ2RhdGEnOiB7XG4gICAgICAgIGNvbnN0IGJ5dGVzOiBudW1iZXJbXSA9IFtdO1xuICAgICAgICBmb3IgKGNvbnN0IGl0ZW0gb2YgYm9keS5pdGVtcykge1xuICAgICAgICAgIGlmIChpdGVtLmtpbmQgPT09ICdzdHJpbmcnKSB7XG4gICAgICAgICAgICBmb3IgKGNvbnN0IGNoIG9mIGl0ZW0udGV4dCkgYnl0ZXMucHVzaChjaC5jaGFyQ29kZUF0KDApICYgMHhmZik7XG4gICAgICAgICAgfSBlbHNlIGlmIChib2R5LndpZHRoID09PSAxKSB7XG4gICAgICAgICAgICBieXRlcy5wdXNoKHRoaXMuY2hlY2tlZEJ5dGUoc3RhdGVtZW50LCBpdGVtLmV4cHIpKTtcbiAgICAgICAgICB9IGVsc2Uge1xuICAgICAgICAgICAgY29uc3QgdmFsdWUgPSB0aGlzLnZhbHVlKHN0YXRlbWVudCwgaXRlbS5leHByKSA/PyAwO1xuICAgICAgICAgICAgaWYgKHZhbHVlIDwgLTB4ODAwMCB8fCB2YWx1ZSA+IDB4ZmZmZikge1xuICAgICAgICAgICAgICB0aGlzLmVycm9yKHN0YXRlbWVudC5sb2MsIGl0ZW0uZXhwci5jb2x1bW4sIGB2YWx1ZSAke2hleCh2YWx1ZSwgNCl9IGRvZXMgbm90IGZpdCBpbiBhIHdvcmRgKTtcbiAgICAgICAgICAgIH1cbiAgICAgICAgICAgIGJ5dGVzLnB1c2godmFsdWUgJiAweGZmLCAodmFsdWUgPj4gOCkgJiAweGZmKTtcbiAgICAgICAgICB9XG4gICAgICAgIH1cbiAgICAgICAgcmV0dXJuIGJ5dGVzO1xuICAgICAgfVxuICAgICAgY2FzZSAnaW5zdHJ1Y3Rpb24nOlxuICAgICAgICByZXR1cm4gdGhpcy5lbWl0SW5zdHJ1Y3Rpb24oc3RhdGVtZW50LCBib2R5LmluZm8sIGJvZHkub3BlcmFuZCwgYm9keS5vcGVyYW5kQ29sdW1uKTtcbiAgICB9XG4gIH1cblxuICBwcml2YXRlIGNoZWNrZWRCeXRlKHN0YXRlbWVudDogU3RhdGVtZW50LCBleHByOiBFeHByKTogbnVtYmVyIHtcbiAgICBjb25zdCB2YWx1ZSA9IHRoaXMudmFsdWUoc3RhdGVtZW50LCBleHByKSA/PyAwO1xuICAgIGlmICh2YWx1ZSA8IC0weDgwIHx8IHZhbHVlID4gMHhmZikge1xuICAgICAgdGhpcy5lcnJvcihcbiAgICAgICAgc3RhdGVtZW50LmxvYyxcbiAgICAgICAgZXhwci5jb2x1bW4sXG4gICAgICAgIGB2YWx1ZSAke3ZhbHVlfSAoJHtoZXgodmFsdWUgJiAweGZmZmYsIDQpfSkgZG9lcyBub3QgZml0IGluIGEgYnl0ZWAsXG4gICAgICApO1xuICAgIH1cbiAgICByZXR1cm4gdmFsdWUgJiAweGZmO1xuICB9XG5cbiAgcHJpdmF0ZSBlbWl0SW5zdHJ1Y3Rpb24oXG4gICAgc3RhdGVtZW50OiBTdGF0ZW1lbnQsXG4gICAgaW5mbzogT3Bjb2RlSW5mbyxcbiAgICBvcGVyYW5kOiBFeHByIHwgdW5kZWZpbmVkLFxuICAgIGNvbHVtbjogbnVtYmVyLFxuICApOiBudW1iZXJbXSB7XG4gICAgaWYgKCFvcGVyYW5kKSByZXR1cm4gW2luZm8ub3Bjb2RlXTtcbiAgICBjb25zdCB2YWx1ZSA9IHRoaXMudmFsdWUoc3RhdGVtZW50LCBvcGVyYW5kKTtcbiAgICBpZiAodmFsdWUgPT09IHVuZGVmaW5lZCkgcmV0dXJuIFtpbmZvLm9wY29kZSwgLi4ubmV3IEFycmF5PG51bWJlcj4oaW5mby5ieXRlcyAtIDEpLmZpbGwoMCldO1xuICAgIHN3aXRjaCAoaW5mby5tb2RlKSB7XG4gICAgICBjYXNlICdpbW0nOlxuICAgICAgICByZXR1cm4gW2luZm8ub3Bjb2RlLCB0aGlzLmNoZWNrZWRCeXRlKHN0YXRlbWVudCwgb3BlcmFuZCldO1xuICAgICAgY2FzZSAncmVsJzoge1xuICAgICAgICBjb25zdCBvZmZzZXQgPSB2YWx1ZSAtIChzdGF0ZW1lbnQuYWRkcmVzcyArIDIpO1xuICAgICAgICBpZiAodmFsdWUgPCAwIHx8IHZhbHVlID4gMHhmZmZmKSB7XG4gICAgICAgICAgdGhpcy5lcnJvcihzdGF0ZW1lbnQubG9jLCBjb2x1bW4sIGBicmFuY2ggdGFyZ2V0ICR7dmFsdWV9IGlzIG91dHNpZGUgJDAwMDAtJEZGRkZgKTtcbiAgICAgICAgfSBlbHNlIGlmIChvZmZzZXQgPCAtMTI4IHx8IG9mZnNldCA+IDEyNykge1xuICAgICAgICAgIHRoaXMuZXJyb3IoXG4gICAgICAgICAgICBzdGF0ZW1lbnQubG9jLFxuICAgICAgICAgICAgY29sdW1uLFxuICAgICAgICAgICAgYGJyYW5jaCB0YXJnZXQgJHtoZXgodmFsdWUsIDQpfSBpcyBvdXQgb2YgcmFuZ2UgKCR7b2Zmc2V0fSBieXRlczsgYSBicmFuY2ggcmVhY2hlcyAtMTI4Li4rMTI3KWAsXG4gICAgICAgICAgKTtcbiAgICAgICAgfVxuICAgICAgICByZXR1cm4gW2luZm8ub3Bjb2RlLCBvZmZzZXQgJiAweGZmXTtcbiAgICAgIH1cbiAgICAgIGNhc2UgJ3pwJzpcbiAgICAgIGNhc2UgJ3pweCc6XG4gICAgICBjYXNlICd6cHknOlxuICAgICAgY2FzZSAnaXp4JzpcbiAgICAgIGNhc2UgJ2l6eSc6XG4gICAgICAgIGlmICh2YWx1ZSA8IDAgfHwgdmFsdWUgPiAweGZmKSB7XG4gICAgICAgICAgdGhpcy5lcnJvcihcbiAgICAgICAgICAgIHN0YXRlbWVudC5sb2MsXG4gICAgICAgICAgICBjb2x1bW4sXG4gICAgICAgICAgICBgJHtpbmZvLm1uZW1vbmljfSAke01PREVfTkFNRVNbaW5mby5tb2RlXX0gbmVlZHMgYSB6ZXJvLXBhZ2UgYWRkcmVzcywgbm90ICR7aGV4KHZhbHVlICYgMHhmZmZmLCA0KX1gLFxuICAgICAgICAgICk7XG4gICAgICAgIH1cbiAgICAgICAgcmV0dXJuIFtpbmZvLm9wY29kZSwgdmFsdWUgJiAweGZmXTtcbiAgICAgIGRlZmF1bHQ6XG4gICAgICAgIGlmICh2YWx1ZSA8IDAgfHwgdmFsdWUgPiAweGZmZmYpIHtcbiAgICAgICAgICB0aGlzLmVycm9yKHN0YXRlbWVudC5sb2MsIGNvbHVtbiwgYGFkZHJlc3MgJHt2YWx1ZX0gaXMgb3V0c2lkZSAkMDAwMC0kRkZGRmApO1xuICAgICAgICB9XG4gICAgICAgIHJldHVybiBbaW5mby5vcGNvZGUsIHZhbHVlICYgMHhmZiwgKHZhbHVlID4+IDgpICYgMHhmZl07XG4gICAgfVxuICB9XG59XG5cbmNvbnN0IE1PREVfTkFNRVM6IFJlY29yZDxBZGRyZXNzaW5nTW9kZSwgc3RyaW5nPiA9IHtcbiAgaW1wOiAnaW1wbGllZCcsXG4gIGFjYzogJ2FjY3VtdWxhdG9yJyxcbiAgaW1tOiAnaW1tZWRpYXRlICgjKScsXG4gIHpwOiAnemVybyBwYWdlJyxcbiAgenB4OiAnemVybyBwYWdlLFgnLFxuICB6cHk6ICd6ZXJvIHBhZ2UsWScsXG4gIGFiczogJ2Fic29sdXRlJyxcbiAgYWJ4OiAnYWJzb2x1dGUsWCcsXG4gIGFieTogJ2Fic29sdXRlLFknLFxuICBpbmQ6ICdpbmRpcmVjdCcsXG4gIGl6eDogJyh6ZXJvIHBhZ2UsWCknLFxuICBpenk6ICcoemVybyBwYWdlKSxZJyxcbiAgcmVsOiAncmVsYXRpdmUnLFxufTtcblxuZnVuY3Rpb24gZGVzY3JpYmVNb2Rlcyhtb2RlczogQWRkcmVzc2luZ01vZGVbXSk6IHN0cmluZyB7XG4gIHJldHVybiBtb2Rlcy5tYXAoKG1vZGUpID0+IE1PREVfTkFNRVNbbW9kZV0pLmpvaW4oJyBvciAnKTtcbn1cblxuZXhwb3J0IGZ1bmN0aW9uIGZvcm1hdEVycm9yKGVycm9yOiBBc21FcnJvcik6IHN0cmluZyB7XG4gIHJldHVybiBgJHtlcnJvci5maWxlfToke2Vycm9yLmxpbmV9OiR7ZXJyb3IuY29sdW1ufTogZXJyb3I6ICR7ZXJyb3IubWVzc2FnZX1gO1xufVxuXG5leHBvcnQgZnVuY3Rpb24gZm9ybWF0TGlzdGluZyhsaXN0aW5nOiByZWFkb25seSBMaXN0aW5nTGluZVtdKTogc3RyaW5nIHtcbiAgY29uc3Qgb3V0OiBzdHJpbmdbXSA9IFtdO1xuICBsZXQgZmlsZTogc3RyaW5nIHwgdW5kZWZpbmVkO1xuICBmb3IgKGNvbnN0IGxpbmUgb2YgbGlzdGluZykge1xuICAgIGlmIChsaW5lLmZpbGUgIT09IGZpbGUpIHtcbiAgICAgIGlmIChmaWxlICE9PSB1bmRlZmluZWQgfHwgbGlzdGluZy5zb21lKChvdGhlcikgPT4gb3RoZXIuZmlsZSAhPT0gbGluZS5maWxlKSlcbiAgICAgICAgb3V0LnB1c2goYDsgLS0tLSAke2xpbmUuZmlsZX1gKTtcbiAgICAgIGZpbGUgPSBsaW5lLmZpbGU7XG4gICAgfVxuICAgIGNvbnN0IGFkZHJlc3MgPVxuICAgICAgbGluZS52YWx1ZSAhPT0gdW5kZWZpbmVkXG4gICAgICAgID8gJz0nICsgKGxpbmUudmFsdWUgJiAweGZmZmYpLnRvU3RyaW5nKDE2KS50b1VwcGVyQ2FzZSgpLnBhZFN0YXJ0KDQsICcwJylcbiAgICAgICAgOiBsaW5lLmFkZHJlc3MgPT09IHVuZGVmaW5lZFxuICAgICAgICAgID8gJyAgICAnXG4gICAgICAgICAgOiBsaW5lLmFkZHJlc3MudG9TdHJpbmcoMTYpLnRvVXBwZXJDYXNlKCkucGFkU3RhcnQoNCwgJzAnKTtcbiAgICBjb25zdCByb3dzOiBudW1iZXJbXVtdID0gW107XG4gICAgZm9yIChsZXQgaSA9IDA7IGkgPCBsaW5lLmJ5dGVzLmxlbmd0aCAmJiByb3dzLmxlbmd0aCA8IDQ7IGkgKz0gMykgcm93cy5wdXNoKGxpbmUuYnl0ZXMuc2xpY2UoaSwgaSArIDMpKTtcbiAgICBjb25zdCBmbXQgPSAoYnl0ZXM6IG51bWJlcltdKTogc3RyaW5nID0+XG4gICAgICBieXRlc1xuICAgICAgICAubWFwKChiKSA9PiBiLnRvU3RyaW5nKDE2KS50b1VwcGVyQ2FzZSgpLnBhZFN0YXJ0KDIsICcwJykpXG4gICAgICAgIC5qb2luKCcgJylcbiAgICAgICAgLnBhZEVuZCg4LCAnICcpO1xuICAgIG91dC5wdXNoKGAke1N0cmluZyhsaW5lLmxpbmUpLnBhZFN0YXJ0KDUpfSAgJHthZGRyZXNzLnBhZEVuZCg1KX0gJHtmbXQocm93c1swXSA/PyBbXSl9ICAke2xpbmUuc291cmNlfWApO1xuICAgIHJvd3Muc2xpY2UoMSkuZm9yRWFjaCgocm93LCBpbmRleCkgPT4ge1xuICAgICAgY29uc3Qgcm93QWRkcmVzcyA9ICgobGluZS5hZGRyZXNzID8/IDApICsgMyAqIChpbmRleCArIDEpKS50b1N0cmluZygxNikudG9VcHBlckNhc2UoKS5wYWRTdGFydCg0LCAnMCcpO1xuICAgICAgb3V0LnB1c2goYCAgICAgICAke3Jvd0FkZHJlc3N9ICAke2ZtdChyb3cpfWAudHJpbUVuZCgpKTtcbiAgICB9KTtcbiAgICBpZiAobGluZS5ieXRlcy5sZW5ndGggPiAxMikgb3V0LnB1c2goYCAgICAgICAgICAgICAuLi4gJHtsaW5lLmJ5dGVzLmxlbmd0aH0gYnl0ZXMgaW4gYWxsYCk7XG4gICAgb3V0W291dC5sZW5ndGggLSAxXSA9IChvdXRbb3V0Lmxlbmd0aCAtIDFdID8/ICcnKS50cmltRW5kKCk7XG4gIH1cbiAgcmV0dXJuIG91dC5qb2luKCdcXG4nKSArICdcXG4nO1xufVxuXG5leHBvcnQgZnVuY3Rpb24gZm9ybWF0U3ltYm9scyhzeW1ib2xzOiBSZWFkb25seU1hcDxzdHJpbmcsIG51bWJlcj4pOiBzdHJpbmcge1xuICByZXR1cm4gKFxuICAgIFsuLi5zeW1ib2xzLmVudHJpZXMoKV1cbiAgICAgIC5zb3J0KChbYV0sIFtiXSkgPT4gKGEgPCBiID8gLTEgOiBhID4gYiA/IDEgOiAwKSlcbiAgICAgIC5tYXAoKFtuYW1lLCB2YWx1ZV0pID0+IGAke25hbWUucGFkRW5kKDI0KX0gJHtoZXgodmFsdWUgJiAweGZmZmYsIDQpfWApXG4gICAgICAuam9pbignXFxuJykgKyAnXFxuJ1xuICApO1xufVxuIiwiaW1wb3J0IHsgYXNzZW1ibGUsIGZvcm1hdEVycm9yLCBmb3JtYXRMaXN0aW5nIH0gZnJvbSAnLi4vY29yZS9jcHUvYXNzZW1ibGVyL2Fzc2VtYmxlci50cyc7XG5pbXBvcnQgdHlwZSB7IEFzc2VtYmx5UmVzdWx0LCBTb3VyY2VSZWFkZXIgfSBmcm9tICcuLi9jb3JlL2NwdS9hc3NlbWJsZXIvYXNzZW1ibGVyLnRzJztcblxuZXhwb3J0IGNvbnN0IExBQl9NT05JVE9SX0JBU0UgPSAweGY4MDA7XG5leHBvcnQgY29uc3QgTEFCX01PTklUT1JfU0laRSA9IDB4ODAwO1xuLyoqIFRoZSBtYWluIHNvdXJjZSBmaWxlOyBpdHMgaW5jbHVkZXMgYXJlIG5hbWVkIHJlbGF0aXZlIHRvIGl0LiAqL1xuZXhwb3J0IGNvbnN0IExBQl9NT05JVE9SX1NPVVJDRSA9ICdsYWItbW9uaXRvci5hc20nO1xuLyoqIEV2ZXJ5IHNvdXJjZSBmaWxlIHRoZSBidWlsZCByZWFkcywgZm9yIGJ1bmRsZXJzIHRoYXQgbXVzdCBlbWJlZCB0aGVtLiAqL1xuZXhwb3J0IGNvbnN0IExBQl9NT05JVE9SX0ZJTEVTOiByZWFkb25seSBzdHJpbmdbXSA9IFtcbiAgTEFCX01PTklUT1JfU09VUkNFLFxuICAnc2NyZWVuLmFzbScsXG4gICdrZXlib2FyZC5hc20nLFxuICAnc2VyaWFsLmFzbScsXG4gICdtb25pdG9yLmFzbScsXG5dO1xuXG5leHBvcnQgaW50ZXJmYWNlIExhYk1vbml0b3JCdWlsZCB7XG4gIC8qKiBUaGUgMiwwNDggYnl0ZXMgZm9yICRGODAwLSRGRkZGLiAqL1xuICByb206IFVpbnQ4QXJyYXk7XG4gIHN5bWJvbHM6IE1hcDxzdHJpbmcsIG51bWJlcj47XG4gIGxpc3Rpbmc6IHN0cmluZztcbiAgYXNzZW1ibHk6IEFzc2VtYmx5UmVzdWx0O1xufVxuXG5leHBvcnQgY2xhc3MgTGFiTW9uaXRvckJ1aWxkRXJyb3IgZXh0ZW5kcyBFcnJvciB7XG4gIG92ZXJyaWRlIHJlYWRvbmx5IG5hbWUgPSAnTGFiTW9uaXRvckJ1aWxkRXJyb3InO1xufVxuXG4vKipcbiAqIEFzc2VtYmxlcyB0aGUgTGFiIE1vbml0b3IgZnJvbSBpdHMgc291cmNlcy4gYHJlYWRGaWxlYCBnZXRzIG5hbWVzIHJlbGF0aXZlIHRvIHRoZSBST00gc291cmNlIGZvbGRlclxuICogKGBsYWItbW9uaXRvci5hc21gLCBgc2NyZWVuLmFzbWAsIC4uLikuIFRocm93cyBMYWJNb25pdG9yQnVpbGRFcnJvciBsaXN0aW5nIGV2ZXJ5IGFzc2VtYmx5IGVycm9yLCBvciB3aGVuXG4gKiB0aGUgcmVzdWx0IGRvZXMgbm90IGZpbGwgZXhhY3RseSAkRjgwMC0kRkZGRi5cbiAqL1xuZXhwb3J0IGZ1bmN0aW9uIGFzc2VtYmxlTGFiTW9uaXRvcihyZWFkRmlsZTogU291cmNlUmVhZGVyKTogTGFiTW9uaXRvckJ1aWxkIHtcbiAgY29uc3Qgc291cmNlID0gcmVhZEZpbGUoTEFCX01PTklUT1JfU09VUkNFKTtcbiAgaWYgKHNvdXJjZSA9PT0gdW5kZWZpbmVkKSB0aHJvdyBuZXcgTGFiTW9uaXRvckJ1aWxkRXJyb3IoYGNhbm5vdCByZWFkICR7TEFCX01PTklUT1JfU09VUkNFfWApO1xuICBjb25zdCBhc3NlbWJseSA9IGFzc2VtYmxlKHNvdXJjZSwgeyBmaWxlTmFtZTogTEFCX01PTklUT1JfU09VUkNFLCByZWFkRmlsZSwgZ2FwRmlsbDogMHhmZiB9KTtcbiAgaWYgKCFhc3NlbWJseS5vaykge1xuICAgIHRocm93IG5ldyBMYWJNb25pdG9yQnVpbGRFcnJvcihcbiAgICAgIGB0aGUgTGFiIE1vbml0b3IgZG9lcyBub3QgYXNzZW1ibGU6XFxuJHthc3NlbWJseS5lcnJvcnMubWFwKGZvcm1hdEVycm9yKS5qb2luKCdcXG4nKX1gLFxuICAgICk7XG4gIH1cbiAgaWYgKGFzc2VtYmx5Lm9yaWdpbiAhPT0gTEFCX01PTklUT1JfQkFTRSB8fCBhc3NlbWJseS5pbWFnZS5sZW5ndGggIT09IExBQl9NT05JVE9SX1NJWkUpIHtcbiAgICBjb25zdCBlbmQgPSBhc3NlbWJseS5vcmlnaW4gKyBhc3NlbWJseS5pbWFnZS5sZW5ndGggLSAxO1xuICAgIHRocm93IG5ldyBMYWJNb25pdG9yQnVpbGRFcnJvcihcbiAgICAgIGB0aGUgTGFiIE1vbml0b3IgbXVzdCBmaWxsICRGODAwLSRGRkZGIGJ1dCBjb3ZlcnMgJCR7aGV4KGFzc2VtYmx5Lm9yaWdpbil9LSQke2hleChlbmQpfWAsXG4gICAgKTtcbiAgfVxuICByZXR1cm4ge1xuICAgIHJvbTogYXNzZW1ibHkuaW1hZ2UsXG4gICAgc3ltYm9sczogYXNzZW1ibHkuc3ltYm9scyxcbiAgICBsaXN0aW5nOiBmb3JtYXRMaXN0aW5nKGFzc2VtYmx5Lmxpc3RpbmcpLFxuICAgIGFzc2VtYmx5LFxuICB9O1xufVxuXG5mdW5jdGlvbiBoZXgodmFsdWU6IG51bWJlcik6IHN0cmluZyB7XG4gIHJldHVybiB2YWx1ZS50b1N0cmluZygxNikudG9VcHBlckNhc2UoKS5wYWRTdGFydCg0LCAnMCcpO1xufVxuIiwiLyoqXG4gKiBMYWJlbHMgZm9yIGFkZHJlc3NlczogdGhlIFN1cGVyYm9hcmQncyBrbm93biBlbnRyeSBwb2ludHMgKGZyb20gdGhlIHNoYXJlZCBmYWN0cyksIG91ciBMYWIgTW9uaXRvcidzXG4gKiBzeW1ib2xzIGFuZCB0aGUgdXNlcidzIG93biwgcmVhZCBhbmQgd3JpdHRlbiBhcyBWSUNFIG1vbml0b3IgbGFiZWwgZmlsZXMgKGBhbCBDOmEwMDAgLmJhc2ljX3JvbWApLlxuICovXG5cbmV4cG9ydCBpbnRlcmZhY2UgTGFiZWwge1xuICByZWFkb25seSBhZGRyZXNzOiBudW1iZXI7XG4gIHJlYWRvbmx5IG5hbWU6IHN0cmluZztcbn1cblxuZXhwb3J0IGludGVyZmFjZSBMYWJlbEZpbGVSZXN1bHQge1xuICByZWFkb25seSBsYWJlbHM6IExhYmVsW107XG4gIC8qKiBPbmUgbWVzc2FnZSBwZXIgbGluZSB0aGF0IGlzIG5vdCBhIGxhYmVsLCB3aXRoIGl0cyBsaW5lIG51bWJlci4gKi9cbiAgcmVhZG9ubHkgZXJyb3JzOiBzdHJpbmdbXTtcbn1cblxuY29uc3QgTkFNRSA9IC9eW0EtWmEtel9dW0EtWmEtejAtOV9dezAsNjN9JC87XG5jb25zdCBMSU5FID0gL15hbFxccysoPzpDOik/KFswLTlBLUZhLWZdezEsNH0pXFxzK1xcLihcXFMrKSQvO1xuXG5leHBvcnQgZnVuY3Rpb24gaXNMYWJlbE5hbWUobmFtZTogc3RyaW5nKTogYm9vbGVhbiB7XG4gIHJldHVybiBOQU1FLnRlc3QobmFtZSk7XG59XG5cbi8qKiBSZWFkcyBhIFZJQ0UgbGFiZWwgZmlsZS4gQmxhbmsgbGluZXMgYW5kIGA7YCBvciBgI2AgY29tbWVudHMgYXJlIHNraXBwZWQ7IGFueXRoaW5nIGVsc2UgbXVzdCBiZSBgYWxgLiAqL1xuZXhwb3J0IGZ1bmN0aW9uIHBhcnNlTGFiZWxGaWxlKHRleHQ6IHN0cmluZyk6IExhYmVsRmlsZVJlc3VsdCB7XG4gIGNvbnN0IGxhYmVsczogTGFiZWxbXSA9IFtdO1xuICBjb25zdCBlcnJvcnM6IHN0cmluZ1tdID0gW107XG4gIHRleHQuc3BsaXQoL1xccj9cXG4vKS5mb3JFYWNoKChyYXcsIGluZGV4KSA9PiB7XG4gICAgY29uc3QgbGluZSA9IHJhdy50cmltKCk7XG4gICAgaWYgKGxpbmUgPT09ICcnIHx8IGxpbmUuc3RhcnRzV2l0aCgnOycpIHx8IGxpbmUuc3RhcnRzV2l0aCgnIycpKSByZXR1cm47XG4gICAgY29uc3QgbWF0Y2ggPSBMSU5FLmV4ZWMobGluZSk7XG4gICAgaWYgKCFtYXRjaCkge1xuICAgICAgZXJyb3JzLnB1c2goYGxpbmUgJHtpbmRleCArIDF9OiBleHBlY3RlZCBcImFsIEM6eHh4eCAubmFtZVwiLCBnb3QgJHtKU09OLnN0cmluZ2lmeShsaW5lLnNsaWNlKDAsIDQwKSl9YCk7XG4gICAgICByZXR1cm47XG4gICAgfVxuICAgIGNvbnN0IG5hbWUgPSBtYXRjaFsyXSBhcyBzdHJpbmc7XG4gICAgaWYgKCFpc0xhYmVsTmFtZShuYW1lKSkge1xuICAgICAgZXJyb3JzLnB1c2goYGxpbmUgJHtpbmRleCArIDF9OiAke0pTT04uc3RyaW5naWZ5KG5hbWUpfSBpcyBub3QgYSBsYWJlbCBuYW1lIChsZXR0ZXJzLCBkaWdpdHMsIF8pYCk7XG4gICAgICByZXR1cm47XG4gICAgfVxuICAgIGxhYmVscy5wdXNoKHsgYWRkcmVzczogcGFyc2VJbnQobWF0Y2hbMV0gYXMgc3RyaW5nLCAxNiksIG5hbWUgfSk7XG4gIH0pO1xuICByZXR1cm4geyBsYWJlbHMsIGVycm9ycyB9O1xufVxuXG4vKiogV3JpdGVzIGxhYmVscyBhcyBhIFZJQ0UgbGFiZWwgZmlsZSwgYnkgYWRkcmVzcyB0aGVuIG5hbWUsIG9uZSBgYWwgQzp4eHh4IC5uYW1lYCBhIGxpbmUuICovXG5leHBvcnQgZnVuY3Rpb24gZm9ybWF0TGFiZWxGaWxlKGxhYmVsczogcmVhZG9ubHkgTGFiZWxbXSk6IHN0cmluZyB7XG4gIHJldHVybiBbLi4ubGFiZWxzXVxuICAgIC5zb3J0KChhLCBiKSA9PiBhLmFkZHJlc3MgLSBiLmFkZHJlc3MgfHwgYS5uYW1lLmxvY2FsZUNvbXBhcmUoYi5uYW1lKSlcbiAgICAubWFwKChsKSA9PiBgYWwgQzoke2wuYWRkcmVzcy50b1N0cmluZygxNikucGFkU3RhcnQoNCwgJzAnKX0gLiR7bC5uYW1lfVxcbmApXG4gICAgLmpvaW4oJycpO1xufVxuXG4vKiogTG9va3MgbGFiZWxzIHVwIGJvdGggd2F5cy4gTGF0ZXIgc291cmNlcyB3aW4gYSBuYW1lOyBhbiBhZGRyZXNzIHNob3dzIHRoZSBmaXJzdCBsYWJlbCBnaXZlbiBmb3IgaXQuICovXG5leHBvcnQgY2xhc3MgTGFiZWxUYWJsZSB7XG4gIHJlYWRvbmx5ICNieU5hbWUgPSBuZXcgTWFwPHN0cmluZywgbnVtYmVyPigpO1xuICByZWFkb25seSAjYnlBZGRyZXNzID0gbmV3IE1hcDxudW1iZXIsIHN0cmluZz4oKTtcblxuICBjb25zdHJ1Y3RvciguLi5zb3VyY2VzOiByZWFkb25seSAocmVhZG9ubHkgTGFiZWxbXSlbXSkge1xuICAgIGZvciAoY29uc3QgbGFiZWxzIG9mIHNvdXJjZXMpIGZvciAoY29uc3QgbCBvZiBsYWJlbHMpIHRoaXMuYWRkKGwpO1xuICB9XG5cbiAgYWRkKGxhYmVsOiBMYWJlbCk6IHZvaWQge1xuICAgIGNvbnN0IGFkZHJlc3MgPSBsYWJlbC5hZGRyZXNzICYgMHhmZmZmO1xuICAgIHRoaXMuI2J5TmFtZS5zZXQobGFiZWwubmFtZS50b0xvd2VyQ2FzZSgpLCBhZGRyZXNzKTtcbiAgICBpZiAoIXRoaXMuI2J5QWRkcmVzcy5oYXMoYWRkcmVzcykpIHRoaXMuI2J5QWRkcmVzcy5zZXQoYWRkcmVzcywgbGFiZWwubmFtZSk7XG4gIH1cblxuICBuYW1lQXQoYWRkcmVzczogbnVtYmVyKTogc3RyaW5nIHwgdW5kZWZpbmVkIHtcbiAgICByZXR1cm4gdGhpcy4jYnlBZGRyZXNzLmdldChhZGRyZXNzICYgMHhmZmZmKTtcbiAgfVxuXG4gIGFkZHJlc3NPZihuYW1lOiBzdHJpbmcpOiBudW1iZXIgfCB1bmRlZmluZWQge1xuICAgIHJldHVybiB0aGlzLiNieU5hbWUuZ2V0KG5hbWUudG9Mb3dlckNhc2UoKSk7XG4gIH1cblxuICBnZXQgc2l6ZSgpOiBudW1iZXIge1xuICAgIHJldHVybiB0aGlzLiNieU5hbWUuc2l6ZTtcbiAgfVxufVxuXG4vKiogV2hpY2ggbW9uaXRvciBST00gcnVucywgZm9yIHRoZSBlbnRyeSBwb2ludHMgdGhhdCBvbmx5IGl0IGhhcy4gKi9cbmV4cG9ydCB0eXBlIE1vbml0b3JLaW5kID0gJ3N5bjYwMCcgfCAnbGFiJyB8ICdvdGhlcic7XG5cbi8qKiBFbnRyeSBwb2ludHMgYW5kIFJBTSB0aGUgYm9hcmQsIGFueSA2NVYtY29tcGF0aWJsZSBtb25pdG9yIGFuZCBPU0kgQkFTSUMgc2hhcmUgKHN1cGVyYm9hcmQtZmFjdHMubWQpLiAqL1xuZXhwb3J0IGZ1bmN0aW9uIGJ1aWx0aW5MYWJlbHMobW9uaXRvcjogTW9uaXRvcktpbmQsIGJhc2ljOiBib29sZWFuKTogTGFiZWxbXSB7XG4gIGNvbnN0IGxhYmVsczogTGFiZWxbXSA9IFtcbiAgICB7IGFkZHJlc3M6IDB4MDEzMCwgbmFtZTogJ25taV9oYW5kbGVyJyB9LFxuICAgIHsgYWRkcmVzczogMHgwMWMwLCBuYW1lOiAnaXJxX2hhbmRsZXInIH0sXG4gICAgeyBhZGRyZXNzOiAweDAyMDMsIG5hbWU6ICdsb2FkX2ZsYWcnIH0sXG4gICAgeyBhZGRyZXNzOiAweDAyMDUsIG5hbWU6ICdzYXZlX2ZsYWcnIH0sXG4gICAgeyBhZGRyZXNzOiAweDAyMTgsIG5hbWU6ICdpbnB1dF92ZWN0b3InIH0sXG4gICAgeyBhZGRyZXNzOiAweDAyMWEsIG5hbWU6ICdvdXRwdXRfdmVjdG9yJyB9LFxuICAgIHsgYWRkcmVzczogMHgwMjFjLCBuYW1lOiAnY3RybF9jX3ZlY3RvcicgfSxcbiAgICB7IGFkZHJlc3M6IDB4MDIxZSwgbmFtZTogJ2xvYWRfdmVjdG9yJyB9LFxuICAgIHsgYWRkcmVzczogMHgwMjIwLCBuYW1lOiAnc2F2ZV92ZWN0b3InIH0sXG4gICAgeyBhZGRyZXNzOiAweGQwMDAsIG5hbWU6ICd2aWRlb19yYW0nIH0sXG4gICAgeyBhZGRyZXNzOiAweGRmMDAsIG5hbWU6ICdrZXlib2FyZCcgfSxcbiAgICB7IGFkZHJlc3M6IDB4ZjAwMCwgbmFtZTogJ2FjaWFfc3RhdHVzJyB9LFxuICAgIHsgYWRkcmVzczogMHhmMDAxLCBuYW1lOiAnYWNpYV9kYXRhJyB9LFxuICAgIHsgYWRkcmVzczogMHhmZjAwLCBuYW1lOiAncmVzZXQnIH0sXG4gICAgeyBhZGRyZXNzOiAweGZmZTAsIG5hbWU6ICdjdXJzb3Jfc3RhcnQnIH0sXG4gICAgeyBhZGRyZXNzOiAweGZmZTEsIG5hbWU6ICdsaW5lX3dpZHRoJyB9LFxuICAgIHsgYWRkcmVzczogMHhmZmUyLCBuYW1lOiAndmlkZW9fc2l6ZScgfSxcbiAgICB7IGFkZHJlc3M6IDB4ZmZlYiwgbmFtZTogJ2lucHV0JyB9LFxuICAgIHsgYWRkcmVzczogMHhmZmVlLCBuYW1lOiAnb3V0cHV0JyB9LFxuICAgIHsgYWRkcmVzczogMHhmZmYxLCBuYW1lOiAnY3RybF9jX2NoZWNrJyB9LFxuICAgIHsgYWRkcmVzczogMHhmZmY0LCBuYW1lOiAnbG9hZCcgfSxcbiAgICB7IGFkZHJlc3M6IDB4ZmZmNywgbmFtZTogJ3NhdmUnIH0sXG4gICAgeyBhZGRyZXNzOiAweGZmZmEsIG5hbWU6ICdubWlfdmVjJyB9LFxuICAgIHsgYWRkcmVzczogMHhmZmZjLCBuYW1lOiAncmVzZXRfdmVjJyB9LFxuICAgIHsgYWRkcmVzczogMHhmZmZlLCBuYW1lOiAnaXJxX3ZlYycgfSxcbiAgXTtcbiAgaWYgKG1vbml0b3IgPT09ICdzeW42MDAnKSB7XG4gICAgbGFiZWxzLnB1c2goeyBhZGRyZXNzOiAweGZlMDAsIG5hbWU6ICdtb25pdG9yXzY1dicgfSwgeyBhZGRyZXNzOiAweGZjMDAsIG5hbWU6ICdkaXNrX2Jvb3QnIH0pO1xuICB9XG4gIGlmIChiYXNpYykge1xuICAgIGxhYmVscy5wdXNoKFxuICAgICAgeyBhZGRyZXNzOiAweDAwMDAsIG5hbWU6ICdiYXNpY193YXJtX3N0YXJ0JyB9LFxuICAgICAgeyBhZGRyZXNzOiAweDAwNzksIG5hbWU6ICdUWFRUQUInIH0sXG4gICAgICB7IGFkZHJlc3M6IDB4MDA3YiwgbmFtZTogJ1ZBUlRBQicgfSxcbiAgICAgIHsgYWRkcmVzczogMHgwMDdkLCBuYW1lOiAnQVJZVEFCJyB9LFxuICAgICAgeyBhZGRyZXNzOiAweDAwN2YsIG5hbWU6ICdTVFJFTkQnIH0sXG4gICAgICB7IGFkZHJlc3M6IDB4MDA4MSwgbmFtZTogJ0ZSRVRPUCcgfSxcbiAgICAgIHsgYWRkcmVzczogMHgwMDg1LCBuYW1lOiAnTUVNU0laJyB9LFxuICAgICAgeyBhZGRyZXNzOiAweGEwMDAsIG5hbWU6ICdiYXNpY19yb20nIH0sXG4gICAgICB7IGFkZHJlc3M6IDB4YmQxMSwgbmFtZTogJ2Jhc2ljX2NvbGRfc3RhcnQnIH0sXG4gICAgKTtcbiAgfVxuICByZXR1cm4gbGFiZWxzO1xufVxuXG4vKiogQSBzeW1ib2wgdGFibGUgKGUuZy4gdGhlIExhYiBNb25pdG9yJ3MpIGFzIGxhYmVscywga2VlcGluZyBvbmx5IG5hbWVzIGEgbGFiZWwgZmlsZSBjYW4gaG9sZC4gKi9cbmV4cG9ydCBmdW5jdGlvbiBzeW1ib2xMYWJlbHMoc3ltYm9sczogUmVhZG9ubHlNYXA8c3RyaW5nLCBudW1iZXI+KTogTGFiZWxbXSB7XG4gIHJldHVybiBbLi4uc3ltYm9sc11cbiAgICAuZmlsdGVyKFxuICAgICAgKFtuYW1lLCBhZGRyZXNzXSkgPT5cbiAgICAgICAgaXNMYWJlbE5hbWUobmFtZSkgJiYgTnVtYmVyLmlzSW50ZWdlcihhZGRyZXNzKSAmJiBhZGRyZXNzID49IDAgJiYgYWRkcmVzcyA8PSAweGZmZmYsXG4gICAgKVxuICAgIC5tYXAoKFtuYW1lLCBhZGRyZXNzXSkgPT4gKHsgYWRkcmVzcywgbmFtZSB9KSk7XG59XG4iLCJpbXBvcnQgeyByZXNvbHZlIH0gZnJvbSAnbm9kZTpwYXRoJztcbmltcG9ydCB7IGRlZmluZUNvbmZpZyB9IGZyb20gJ2VsZWN0cm9uLXZpdGUnO1xuaW1wb3J0IHsgc3ZlbHRlIH0gZnJvbSAnQHN2ZWx0ZWpzL3ZpdGUtcGx1Z2luLXN2ZWx0ZSc7XG5pbXBvcnQgeyBta2RpclN5bmMsIHJlYWRGaWxlU3luYywgd3JpdGVGaWxlU3luYyB9IGZyb20gJ25vZGU6ZnMnO1xuaW1wb3J0IHR5cGUgeyBQbHVnaW4gfSBmcm9tICd2aXRlJztcbmltcG9ydCB7IGFzc2VtYmxlTGFiTW9uaXRvciB9IGZyb20gJy4vc3JjLW1haW4vcm9tL2xhYi1tb25pdG9yLnRzJztcbmltcG9ydCB7IGZvcm1hdExhYmVsRmlsZSwgc3ltYm9sTGFiZWxzIH0gZnJvbSAnLi9zcmMtbWFpbi9jb3JlL2luc3BlY3Rvci9sYWJlbHMudHMnO1xuXG4vKiogQXNzZW1ibGVzIG91ciBvd24gbW9uaXRvciBST00gd2l0aCBvdXIgYXNzZW1ibGVyIGludG8gb3V0L3JvbS8gYXMgcGFydCBvZiBldmVyeSBidWlsZC4gKi9cbmZ1bmN0aW9uIGxhYk1vbml0b3JSb20oKTogUGx1Z2luIHtcbiAgcmV0dXJuIHtcbiAgICBuYW1lOiAnbGFiLW1vbml0b3Itcm9tJyxcbiAgICBjbG9zZUJ1bmRsZSgpIHtcbiAgICAgIGNvbnN0IGJ1aWxkID0gYXNzZW1ibGVMYWJNb25pdG9yKChuYW1lKSA9PiB7XG4gICAgICAgIHRyeSB7XG4gICAgICAgICAgcmV0dXJuIHJlYWRGaWxlU3luYyhyZXNvbHZlKCdzcmMtbWFpbi9yb20nLCBuYW1lKSwgJ3V0ZjgnKTtcbiAgICAgICAgfSBjYXRjaCB7XG4gICAgICAgICAgcmV0dXJuIHVuZGVmaW5lZDtcbiAgICAgICAgfVxuICAgICAgfSk7XG4gICAgICBta2RpclN5bmMocmVzb2x2ZSgnb3V0L3JvbScpLCB7IHJlY3Vyc2l2ZTogdHJ1ZSB9KTtcbiAgICAgIHdyaXRlRmlsZVN5bmMocmVzb2x2ZSgnb3V0L3JvbS9sYWItbW9uaXRvci5iaW4nKSwgYnVpbGQucm9tKTtcbiAgICAgIHdyaXRlRmlsZVN5bmMocmVzb2x2ZSgnb3V0L3JvbS9sYWItbW9uaXRvci5sc3QnKSwgYnVpbGQubGlzdGluZyk7XG4gICAgICB3cml0ZUZpbGVTeW5jKHJlc29sdmUoJ291dC9yb20vbGFiLW1vbml0b3IubGFiZWxzJyksIGZvcm1hdExhYmVsRmlsZShzeW1ib2xMYWJlbHMoYnVpbGQuc3ltYm9scykpKTtcbiAgICB9LFxuICB9O1xufVxuXG4vKipcbiAqIFdyaXRlcyBvdXQvbWFpbi9wYWNrYWdlLmpzb24gbWFya2luZyB0aGUgbWFpbiBzaWRlJ3MgZmlsZXMgYXMgRVMgbW9kdWxlcywgc28gdGhlIHdvcmtlcnMgdGhlIHBhY2thZ2VkIGFwcFxuICogc3RhcnRzIGZyb20gYXBwLmFzYXIudW5wYWNrZWQgKG91dHNpZGUgdGhlIGFwcCdzIG93biBwYWNrYWdlLmpzb24pIGxvYWQgYXMgbW9kdWxlcyB0aGVyZSB0b28uXG4gKi9cbmZ1bmN0aW9uIG1vZHVsZVNjb3BlKCk6IFBsdWdpbiB7XG4gIHJldHVybiB7XG4gICAgbmFtZTogJ21vZHVsZS1zY29wZScsXG4gICAgY2xvc2VCdW5kbGUoKSB7XG4gICAgICB3cml0ZUZpbGVTeW5jKHJlc29sdmUoJ291dC9tYWluL3BhY2thZ2UuanNvbicpLCAneyBcInR5cGVcIjogXCJtb2R1bGVcIiB9XFxuJyk7XG4gICAgfSxcbiAgfTtcbn1cblxuZXhwb3J0IGRlZmF1bHQgZGVmaW5lQ29uZmlnKHtcbiAgbWFpbjoge1xuICAgIHBsdWdpbnM6IFtsYWJNb25pdG9yUm9tKCksIG1vZHVsZVNjb3BlKCldLFxuICAgIGJ1aWxkOiB7XG4gICAgICBvdXREaXI6ICdvdXQvbWFpbicsXG4gICAgICByb2xsdXBPcHRpb25zOiB7XG4gICAgICAgIGlucHV0OiB7XG4gICAgICAgICAgaW5kZXg6IHJlc29sdmUoJ3NyYy1tYWluL2FwcC9tYWluLnRzJyksXG4gICAgICAgICAgd2ViOiByZXNvbHZlKCdzcmMtbWFpbi93ZWIvbWFpbi50cycpLFxuICAgICAgICAgIGNsaTogcmVzb2x2ZSgnc3JjLW1haW4vY2xpL21haW4udHMnKSxcbiAgICAgICAgICAnZW11bGF0b3Itd29ya2VyJzogcmVzb2x2ZSgnc3JjLW1haW4vc2VydmljZXMvZW11bGF0b3IvZW11bGF0b3Itd29ya2VyLnRzJyksXG4gICAgICAgICAgJ3RhcGUtd29ya2VyJzogcmVzb2x2ZSgnc3JjLW1haW4vc2VydmljZXMvdGFwZXMvdGFwZS13b3JrZXIudHMnKSxcbiAgICAgICAgICAnZGVjb2RlLXdvcmtlcic6IHJlc29sdmUoJ3NyYy1tYWluL3NlcnZpY2VzL3RhcGVzL2RlY29kZS13b3JrZXIudHMnKSxcbiAgICAgICAgICAnYXVkaW8td29ya2VyJzogcmVzb2x2ZSgnc3JjLW1haW4vc2VydmljZXMvYXVkaW8vYXVkaW8td29ya2VyLnRzJyksXG4gICAgICAgICAgJ2xpYnJhcnktd29ya2VyJzogcmVzb2x2ZSgnc3JjLW1haW4vc2VydmljZXMvbGlicmFyeS9kZWNvZGUtd29ya2VyLnRzJyksXG4gICAgICAgICAgJ2Zhcm0td29ya2VyJzogcmVzb2x2ZSgnc3JjLW1haW4vc2VydmljZXMvZmFybS9mYXJtLXRocmVhZC50cycpLFxuICAgICAgICB9LFxuICAgICAgfSxcbiAgICB9LFxuICB9LFxuICBwcmVsb2FkOiB7XG4gICAgYnVpbGQ6IHtcbiAgICAgIG91dERpcjogJ291dC9wcmVsb2FkJyxcbiAgICAgIGV4dGVybmFsaXplRGVwczogZmFsc2UsXG4gICAgICByb2xsdXBPcHRpb25zOiB7XG4gICAgICAgIGlucHV0OiB7IHByZWxvYWQ6IHJlc29sdmUoJ3NyYy1tYWluL2FwcC9wcmVsb2FkLnRzJykgfSxcbiAgICAgICAgLy8gQSBzYW5kYm94ZWQgcHJlbG9hZCBtdXN0IGJlIGEgc2luZ2xlIENvbW1vbkpTIHNjcmlwdC5cbiAgICAgICAgb3V0cHV0OiB7IGZvcm1hdDogJ2NqcycsIGVudHJ5RmlsZU5hbWVzOiAnW25hbWVdLmNqcycsIGNvZGVTcGxpdHRpbmc6IGZhbHNlIH0sXG4gICAgICB9LFxuICAgIH0sXG4gIH0sXG4gIHJlbmRlcmVyOiB7XG4gICAgcm9vdDogJ3NyYy1yZW5kZXJlcicsXG4gICAgcGx1Z2luczogW3N2ZWx0ZSh7IGNvbmZpZ0ZpbGU6IHJlc29sdmUoJ3N2ZWx0ZS5jb25maWcuanMnKSB9KV0sXG4gICAgYnVpbGQ6IHtcbiAgICAgIG91dERpcjogJ291dC9yZW5kZXJlcicsXG4gICAgICByb2xsdXBPcHRpb25zOiB7IGlucHV0OiByZXNvbHZlKCdzcmMtcmVuZGVyZXIvaW5kZXguaHRtbCcpIH0sXG4gICAgfSxcbiAgfSxcbn0pO1xuIl0sIm1hcHBpbmdzIjoiOzs7Ozs7QUEwQkEsTUFBYSxnQkFBMEQ7Q0FDckUsS0FBSztDQUNMLEtBQUs7Q0FDTCxLQUFLO0NBQ0wsSUFBSTtDQUNKLEtBQUs7Q0FDTCxLQUFLO0NBQ0wsS0FBSztDQUNMLEtBQUs7Q0FDTCxLQUFLO0NBQ0wsS0FBSztDQUNMLEtBQUs7Q0FDTCxLQUFLO0NBQ0wsS0FBSztBQUNQO0FBRUEsTUFBTSxRQUFvQyxJQUFJLE1BQThCLEdBQUcsQ0FBQyxDQUFDLEtBQUssS0FBQSxDQUFTO0FBRS9GLFNBQVMsSUFDUCxRQUNBLFVBQ0EsTUFDQSxRQUNBLFFBQXlELENBQUMsR0FDcEQ7Q0FDTixJQUFJLE1BQU0sWUFBWSxLQUFBLEdBQVcsTUFBTSxJQUFJLE1BQU0sV0FBVyxPQUFPLFNBQVMsRUFBRSxFQUFFLGtCQUFrQjtDQUNsRyxNQUFNLFVBQVUsT0FBTyxPQUFPO0VBQzVCO0VBQ0E7RUFDQTtFQUNBLE9BQU8sSUFBSSxjQUFjO0VBQ3pCO0VBQ0Esa0JBQWtCLE1BQU0sYUFBYTtFQUNyQyxjQUFjLE1BQU0sZ0JBQWdCO0NBQ3RDLENBQUM7QUFDSDtBQUVBLE1BQU0sS0FBSyxFQUFFLFdBQVcsS0FBSztBQUM3QixNQUFNLElBQUksRUFBRSxjQUFjLEtBQUs7QUFDL0IsTUFBTSxNQUFNO0NBQUUsY0FBYztDQUFNLFdBQVc7QUFBSzs7QUFHbEQsU0FBUyxTQUFTLFVBQWtCLE1BQW9CO0NBQ3RELElBQUksT0FBTyxHQUFNLFVBQVUsT0FBTyxDQUFDO0NBQ25DLElBQUksT0FBTyxHQUFNLFVBQVUsTUFBTSxDQUFDO0NBQ2xDLElBQUksT0FBTyxJQUFNLFVBQVUsT0FBTyxDQUFDO0NBQ25DLElBQUksT0FBTyxJQUFNLFVBQVUsT0FBTyxDQUFDO0NBQ25DLElBQUksT0FBTyxJQUFNLFVBQVUsT0FBTyxHQUFHLEVBQUU7Q0FDdkMsSUFBSSxPQUFPLElBQU0sVUFBVSxPQUFPLEdBQUcsRUFBRTtDQUN2QyxJQUFJLE9BQU8sR0FBTSxVQUFVLE9BQU8sQ0FBQztDQUNuQyxJQUFJLE9BQU8sSUFBTSxVQUFVLE9BQU8sR0FBRyxFQUFFO0FBQ3pDO0FBQ0EsU0FBUyxPQUFPLENBQUk7QUFDcEIsU0FBUyxPQUFPLEVBQUk7QUFDcEIsU0FBUyxPQUFPLEVBQUk7QUFDcEIsU0FBUyxPQUFPLEVBQUk7QUFDcEIsU0FBUyxPQUFPLEdBQUk7QUFDcEIsU0FBUyxPQUFPLEdBQUk7QUFDcEIsU0FBUyxPQUFPLEdBQUk7QUFFcEIsSUFBSSxLQUFNLE9BQU8sTUFBTSxDQUFDO0FBQ3hCLElBQUksS0FBTSxPQUFPLE9BQU8sQ0FBQztBQUN6QixJQUFJLEtBQU0sT0FBTyxPQUFPLENBQUM7QUFDekIsSUFBSSxLQUFNLE9BQU8sT0FBTyxDQUFDO0FBQ3pCLElBQUksS0FBTSxPQUFPLE9BQU8sQ0FBQztBQUN6QixJQUFJLEtBQU0sT0FBTyxPQUFPLENBQUM7QUFDekIsSUFBSSxLQUFNLE9BQU8sT0FBTyxDQUFDOztBQUd6QixTQUFTLFNBQVMsVUFBa0IsTUFBYyxRQUF1QjtDQUN2RSxJQUFJLFFBQVEsSUFBSSxPQUFPLElBQU0sVUFBVSxPQUFPLENBQUM7Q0FDL0MsSUFBSSxPQUFPLEdBQU0sVUFBVSxNQUFNLENBQUM7Q0FDbEMsSUFBSSxPQUFPLElBQU0sVUFBVSxPQUFPLENBQUM7Q0FDbkMsSUFBSSxPQUFPLElBQU0sVUFBVSxPQUFPLENBQUM7Q0FDbkMsSUFBSSxPQUFPLElBQU0sVUFBVSxPQUFPLENBQUM7QUFDckM7QUFDQSxTQUFTLE9BQU8sR0FBTSxJQUFJO0FBQzFCLFNBQVMsT0FBTyxJQUFNLElBQUk7QUFDMUIsU0FBUyxPQUFPLElBQU0sSUFBSTtBQUMxQixTQUFTLE9BQU8sSUFBTSxJQUFJO0FBQzFCLFNBQVMsT0FBTyxLQUFNLEtBQUs7QUFDM0IsU0FBUyxPQUFPLEtBQU0sS0FBSztBQUUzQixJQUFJLEtBQU0sT0FBTyxPQUFPLENBQUM7QUFDekIsSUFBSSxLQUFNLE9BQU8sTUFBTSxDQUFDO0FBQ3hCLElBQUksS0FBTSxPQUFPLE9BQU8sQ0FBQztBQUN6QixJQUFJLEtBQU0sT0FBTyxPQUFPLENBQUM7QUFDekIsSUFBSSxLQUFNLE9BQU8sT0FBTyxHQUFHLEVBQUU7QUFDN0IsSUFBSSxLQUFNLE9BQU8sT0FBTyxDQUFDO0FBQ3pCLElBQUksS0FBTSxPQUFPLE1BQU0sQ0FBQztBQUN4QixJQUFJLEtBQU0sT0FBTyxPQUFPLENBQUM7QUFDekIsSUFBSSxLQUFNLE9BQU8sT0FBTyxDQUFDO0FBQ3pCLElBQUksS0FBTSxPQUFPLE9BQU8sR0FBRyxFQUFFO0FBQzdCLElBQUksS0FBTSxPQUFPLE1BQU0sQ0FBQztBQUN4QixJQUFJLEtBQU0sT0FBTyxPQUFPLENBQUM7QUFDekIsSUFBSSxLQUFNLE9BQU8sT0FBTyxDQUFDO0FBQ3pCLElBQUksS0FBTSxPQUFPLE1BQU0sQ0FBQztBQUN4QixJQUFJLEtBQU0sT0FBTyxPQUFPLENBQUM7QUFDekIsSUFBSSxLQUFNLE9BQU8sT0FBTyxDQUFDO0FBQ3pCLElBQUksS0FBTSxPQUFPLE9BQU8sQ0FBQztBQUN6QixJQUFJLEtBQU0sT0FBTyxNQUFNLENBQUM7QUFDeEIsSUFBSSxLQUFNLE9BQU8sT0FBTyxDQUFDO0FBQ3pCLElBQUksS0FBTSxPQUFPLE9BQU8sQ0FBQztBQUN6QixJQUFJLEtBQU0sT0FBTyxNQUFNLENBQUM7QUFDeEIsSUFBSSxLQUFNLE9BQU8sT0FBTyxDQUFDO0FBQ3pCLElBQUksSUFBTSxPQUFPLE1BQU0sQ0FBQztBQUN4QixJQUFJLElBQU0sT0FBTyxPQUFPLENBQUM7QUFZekIsS0FBSyxNQUFNLENBQUMsUUFBUSxhQUFhO0NBVC9CLENBQUMsSUFBTSxLQUFLO0NBQ1osQ0FBQyxJQUFNLEtBQUs7Q0FDWixDQUFDLElBQU0sS0FBSztDQUNaLENBQUMsS0FBTSxLQUFLO0NBQ1osQ0FBQyxLQUFNLEtBQUs7Q0FDWixDQUFDLEtBQU0sS0FBSztDQUNaLENBQUMsS0FBTSxLQUFLO0NBQ1osQ0FBQyxLQUFNLEtBQUs7QUFFMEIsR0FBRyxJQUFJLFFBQVEsVUFBVSxPQUFPLENBQUM7QUFFekUsSUFBSSxHQUFNLE9BQU8sT0FBTyxDQUFDO0FBQ3pCLElBQUksSUFBTSxPQUFPLE9BQU8sQ0FBQztBQUN6QixJQUFJLElBQU0sT0FBTyxPQUFPLENBQUM7QUFDekIsSUFBSSxJQUFNLE9BQU8sT0FBTyxDQUFDO0FBQ3pCLElBQUksSUFBTSxPQUFPLE9BQU8sQ0FBQztBQUN6QixJQUFJLEtBQU0sT0FBTyxPQUFPLENBQUM7QUFDekIsSUFBSSxHQUFNLE9BQU8sT0FBTyxDQUFDO0FBQ3pCLElBQUksSUFBTSxPQUFPLE9BQU8sQ0FBQztBQUN6QixJQUFJLElBQU0sT0FBTyxPQUFPLENBQUM7QUFDekIsSUFBSSxLQUFNLE9BQU8sT0FBTyxDQUFDO0FBc0J6QixLQUFLLE1BQU0sQ0FBQyxRQUFRLGFBQWE7Q0FuQi9CLENBQUMsSUFBTSxLQUFLO0NBQ1osQ0FBQyxJQUFNLEtBQUs7Q0FDWixDQUFDLElBQU0sS0FBSztDQUNaLENBQUMsS0FBTSxLQUFLO0NBQ1osQ0FBQyxLQUFNLEtBQUs7Q0FDWixDQUFDLEtBQU0sS0FBSztDQUNaLENBQUMsS0FBTSxLQUFLO0NBQ1osQ0FBQyxLQUFNLEtBQUs7Q0FDWixDQUFDLEtBQU0sS0FBSztDQUNaLENBQUMsS0FBTSxLQUFLO0NBQ1osQ0FBQyxLQUFNLEtBQUs7Q0FDWixDQUFDLEtBQU0sS0FBSztDQUNaLENBQUMsS0FBTSxLQUFLO0NBQ1osQ0FBQyxLQUFNLEtBQUs7Q0FDWixDQUFDLEtBQU0sS0FBSztDQUNaLENBQUMsS0FBTSxLQUFLO0NBQ1osQ0FBQyxLQUFNLEtBQUs7Q0FDWixDQUFDLEtBQU0sS0FBSztBQUV5QixHQUFHLElBQUksUUFBUSxVQUFVLE9BQU8sQ0FBQzs7QUFHeEUsU0FBUyxXQUFXLFVBQWtCLE1BQW9CO0NBQ3hELElBQUksT0FBTyxHQUFNLFVBQVUsTUFBTSxHQUFHLENBQUM7Q0FDckMsSUFBSSxPQUFPLElBQU0sVUFBVSxPQUFPLEdBQUcsQ0FBQztDQUN0QyxJQUFJLE9BQU8sSUFBTSxVQUFVLE9BQU8sR0FBRyxDQUFDO0NBQ3RDLElBQUksT0FBTyxJQUFNLFVBQVUsT0FBTyxHQUFHLENBQUM7Q0FDdEMsSUFBSSxPQUFPLElBQU0sVUFBVSxPQUFPLEdBQUcsQ0FBQztDQUN0QyxJQUFJLE9BQU8sR0FBTSxVQUFVLE9BQU8sR0FBRyxDQUFDO0NBQ3RDLElBQUksT0FBTyxJQUFNLFVBQVUsT0FBTyxHQUFHLENBQUM7QUFDeEM7QUFDQSxXQUFXLE9BQU8sQ0FBSTtBQUN0QixXQUFXLE9BQU8sRUFBSTtBQUN0QixXQUFXLE9BQU8sRUFBSTtBQUN0QixXQUFXLE9BQU8sRUFBSTtBQUN0QixXQUFXLE9BQU8sR0FBSTtBQUN0QixXQUFXLE9BQU8sR0FBSTtBQUV0QixJQUFJLEtBQU0sT0FBTyxNQUFNLEdBQUcsQ0FBQztBQUMzQixJQUFJLEtBQU0sT0FBTyxPQUFPLEdBQUcsQ0FBQztBQUM1QixJQUFJLEtBQU0sT0FBTyxPQUFPLEdBQUcsQ0FBQztBQUM1QixJQUFJLEtBQU0sT0FBTyxPQUFPLEdBQUcsQ0FBQztBQUM1QixJQUFJLEtBQU0sT0FBTyxNQUFNLEdBQUcsQ0FBQztBQUMzQixJQUFJLEtBQU0sT0FBTyxPQUFPLEdBQUcsQ0FBQztBQUM1QixJQUFJLEtBQU0sT0FBTyxPQUFPLEdBQUcsQ0FBQztBQUM1QixJQUFJLEtBQU0sT0FBTyxPQUFPLEdBQUcsR0FBRztBQUM5QixJQUFJLEtBQU0sT0FBTyxPQUFPLEdBQUcsQ0FBQztBQUM1QixJQUFJLEtBQU0sT0FBTyxPQUFPLEdBQUcsR0FBRztBQUU5QixJQUFJLElBQU0sT0FBTyxPQUFPLEdBQUcsQ0FBQztBQUM1QixJQUFJLElBQU0sT0FBTyxPQUFPLEdBQUcsQ0FBQztBQUM1QixJQUFJLElBQU0sT0FBTyxPQUFPLEdBQUcsQ0FBQztBQUM1QixJQUFJLEtBQU0sT0FBTyxPQUFPLEdBQUcsQ0FBQztBQUM1QixJQUFJLEtBQU0sT0FBTyxPQUFPLEdBQUcsQ0FBQztBQUM1QixJQUFJLEtBQU0sT0FBTyxPQUFPLEdBQUcsQ0FBQztBQUU1QixLQUFLLE1BQU0sVUFBVTtDQUFDO0NBQU07Q0FBTTtDQUFNO0NBQU07Q0FBTTtBQUFJLEdBQUcsSUFBSSxRQUFRLE9BQU8sT0FBTyxHQUFHLENBQUM7QUFDekYsS0FBSyxNQUFNLFVBQVU7Q0FBQztDQUFNO0NBQU07Q0FBTTtDQUFNO0FBQUksR0FBRyxJQUFJLFFBQVEsT0FBTyxPQUFPLEdBQUcsQ0FBQztBQUNuRixLQUFLLE1BQU0sVUFBVTtDQUFDO0NBQU07Q0FBTTtBQUFJLEdBQUcsSUFBSSxRQUFRLE9BQU8sTUFBTSxHQUFHLENBQUM7QUFDdEUsS0FBSyxNQUFNLFVBQVU7Q0FBQztDQUFNO0NBQU07Q0FBTTtDQUFNO0NBQU07QUFBSSxHQUFHLElBQUksUUFBUSxPQUFPLE9BQU8sR0FBRyxDQUFDO0FBQ3pGLElBQUksSUFBTSxPQUFPLE9BQU8sR0FBRyxDQUFDO0FBQzVCLEtBQUssTUFBTSxVQUFVO0NBQUM7Q0FBTTtDQUFNO0NBQU07Q0FBTTtDQUFNO0FBQUksR0FBRyxJQUFJLFFBQVEsT0FBTyxPQUFPLEdBQUcsR0FBRztBQUkzRixLQUFLLE1BQU0sVUFBVTtDQUFDO0NBQU07Q0FBTTtDQUFNO0NBQU07Q0FBTTtDQUFNO0NBQU07Q0FBTTtDQUFNO0NBQU07Q0FBTTtBQUFJLEdBQzFGLElBQUksUUFBUSxPQUFPLE9BQU8sR0FBRyxDQUFDO0FBTWhDLE1BQWEsVUFBK0MsT0FBTyxPQUFPLEtBQUs7QUFFL0UsTUFBTSxpQ0FBaUIsSUFBSSxJQUF3QjtBQUNuRCxLQUFLLE1BQU0sUUFBUSxTQUFTO0NBQzFCLElBQUksU0FBUyxLQUFBLEdBQVc7Q0FDeEIsTUFBTSxNQUFNLEdBQUcsS0FBSyxTQUFTLEdBQUcsS0FBSztDQUNyQyxNQUFNLFdBQVcsZUFBZSxJQUFJLEdBQUc7Q0FDdkMsSUFBSSxhQUFhLEtBQUEsS0FBYyxTQUFTLGdCQUFnQixDQUFDLEtBQUssY0FBZSxlQUFlLElBQUksS0FBSyxJQUFJO0FBQzNHOzs7Ozs7QUFPQSxTQUFnQixXQUFXLFVBQWtCLE1BQThDO0NBQ3pGLE9BQU8sZUFBZSxJQUFJLEdBQUcsU0FBUyxZQUFZLEVBQUUsR0FBRyxNQUFNO0FBQy9EOztBQzlPQSxJQUFhLGtCQUFiLGNBQXFDLE1BQU07Q0FDekM7Q0FDQSxZQUFZLFNBQWlCLFFBQWdCO0VBQzNDLE1BQU0sT0FBTztFQUNiLEtBQUssU0FBUztDQUNoQjtBQUNGOztBQUdBLE1BQU0sU0FBeUM7Q0FBQyxDQUFDLEdBQUc7Q0FBRyxDQUFDLEdBQUc7Q0FBRyxDQUFDLEdBQUc7Q0FBRyxDQUFDLEtBQUssR0FBRztDQUFHLENBQUMsS0FBSyxHQUFHO0FBQUM7O0FBRzNGLElBQWEsY0FBYixNQUF5QjtDQUN2QjtDQUNBO0NBQ0EsWUFBWSxRQUEwQixNQUFNLEdBQUc7RUFDN0MsS0FBSyxTQUFTO0VBQ2QsS0FBSyxNQUFNO0NBQ2I7Q0FDQSxLQUFLLFNBQVMsR0FBVTtFQUN0QixNQUFNLE9BQU8sS0FBSyxPQUFPLEtBQUssT0FBTyxTQUFTO0VBQzlDLE1BQU0sUUFBUSxLQUFLLE9BQU8sS0FBSyxNQUFNLFdBQVc7RUFDaEQsSUFBSSxDQUFDLE9BQU8sTUFBTSxJQUFJLE1BQU0sdUNBQXVDO0VBQ25FLE9BQU87Q0FDVDtDQUNBLE9BQWM7RUFDWixNQUFNLFFBQVEsS0FBSyxLQUFLO0VBQ3hCLElBQUksS0FBSyxNQUFNLEtBQUssT0FBTyxTQUFTLEdBQUcsS0FBSztFQUM1QyxPQUFPO0NBQ1Q7Q0FDQSxLQUFLLE1BQWMsU0FBUyxHQUFZO0VBQ3RDLE1BQU0sUUFBUSxLQUFLLEtBQUssTUFBTTtFQUM5QixPQUFPLE1BQU0sU0FBUyxRQUFRLE1BQU0sU0FBUztDQUMvQztDQUNBLFFBQWlCO0VBQ2YsT0FBTyxLQUFLLEtBQUssQ0FBQyxDQUFDLFNBQVM7Q0FDOUI7QUFDRjtBQUVBLFNBQWdCLGdCQUFnQixRQUEyQjtDQUN6RCxPQUFPLFdBQVcsUUFBUSxDQUFDO0FBQzdCO0FBRUEsU0FBUyxXQUFXLFFBQXFCLE9BQXFCO0NBQzVELE1BQU0sTUFBTSxPQUFPO0NBQ25CLElBQUksQ0FBQyxLQUFLLE9BQU8sV0FBVyxNQUFNO0NBQ2xDLElBQUksT0FBTyxXQUFXLFFBQVEsUUFBUSxDQUFDO0NBQ3ZDLFNBQVM7RUFDUCxNQUFNLFFBQVEsT0FBTyxLQUFLO0VBQzFCLElBQUksTUFBTSxTQUFTLFFBQVEsQ0FBQyxJQUFJLFNBQVMsTUFBTSxJQUFJLEdBQUcsT0FBTztFQUM3RCxPQUFPLEtBQUs7RUFDWixNQUFNLFFBQVEsV0FBVyxRQUFRLFFBQVEsQ0FBQztFQUMxQyxPQUFPO0dBQUUsTUFBTTtHQUFVLElBQUksTUFBTTtHQUFNO0dBQU07R0FBTyxRQUFRLE1BQU07RUFBTztDQUM3RTtBQUNGO0FBRUEsU0FBUyxXQUFXLFFBQTJCO0NBQzdDLE1BQU0sUUFBUSxPQUFPLEtBQUs7Q0FDMUIsSUFBSSxNQUFNLFNBQVMsUUFBUTtFQUFDO0VBQUs7RUFBSztFQUFLO0VBQUs7Q0FBRyxDQUFDLENBQUMsU0FBUyxNQUFNLElBQUksR0FBRztFQUN6RSxPQUFPLEtBQUs7RUFDWixPQUFPO0dBQUUsTUFBTTtHQUFTLElBQUksTUFBTTtHQUFNLEtBQUssV0FBVyxNQUFNO0dBQUcsUUFBUSxNQUFNO0VBQU87Q0FDeEY7Q0FDQSxPQUFPLGFBQWEsTUFBTTtBQUM1QjtBQUVBLFNBQVMsYUFBYSxRQUEyQjtDQUMvQyxNQUFNLFFBQVEsT0FBTyxLQUFLO0NBQzFCLFFBQVEsTUFBTSxNQUFkO0VBQ0UsS0FBSyxVQUNILE9BQU87R0FBRSxNQUFNO0dBQVUsT0FBTyxNQUFNO0dBQU8sUUFBUSxNQUFNO0VBQU87RUFDcEUsS0FBSztHQUNILElBQUksTUFBTSxLQUFLLFdBQVcsR0FBRyxHQUMzQixNQUFNLElBQUksZ0JBQWdCLGNBQWMsTUFBTSxLQUFLLG1DQUFtQyxNQUFNLE1BQU07R0FFcEcsT0FBTztJQUFFLE1BQU07SUFBVSxNQUFNLE1BQU07SUFBTSxRQUFRLE1BQU07R0FBTztFQUNsRSxLQUFLO0dBQ0gsSUFBSSxNQUFNLFNBQVMsS0FBSyxPQUFPO0lBQUUsTUFBTTtJQUFNLFFBQVEsTUFBTTtHQUFPO0dBQ2xFLElBQUksTUFBTSxTQUFTLEtBQUs7SUFDdEIsTUFBTSxRQUFRLGdCQUFnQixNQUFNO0lBQ3BDLE1BQU0sUUFBUSxPQUFPLEtBQUs7SUFDMUIsSUFBSSxNQUFNLFNBQVMsUUFBUSxNQUFNLFNBQVMsS0FDeEMsTUFBTSxJQUFJLGdCQUFnQiwyQ0FBMkMsTUFBTSxVQUFVLE1BQU0sTUFBTTtJQUVuRyxPQUFPO0dBQ1Q7R0FDQSxNQUFNLElBQUksZ0JBQWdCLCtCQUErQixNQUFNLEtBQUssSUFBSSxNQUFNLE1BQU07RUFDdEYsS0FBSyxVQUNILE1BQU0sSUFBSSxnQkFBZ0IsNENBQTRDLE1BQU0sTUFBTTtFQUNwRixLQUFLLE9BQ0gsTUFBTSxJQUFJLGdCQUFnQix1Q0FBdUMsTUFBTSxNQUFNO0NBQ2pGO0FBQ0Y7Ozs7O0FBYUEsU0FBZ0IsU0FDZCxNQUNBLEtBQ0EsU0FDb0I7Q0FDcEIsUUFBUSxLQUFLLE1BQWI7RUFDRSxLQUFLLFVBQ0gsT0FBTyxLQUFLO0VBQ2QsS0FBSyxNQUNILE9BQU8sSUFBSTtFQUNiLEtBQUssVUFBVTtHQUNiLE1BQU0sUUFBUSxJQUFJLE9BQU8sS0FBSyxJQUFJO0dBQ2xDLElBQUksVUFBVSxLQUFBLEdBQVcsVUFBVSxLQUFLLE1BQU0sS0FBSyxNQUFNO0dBQ3pELE9BQU87RUFDVDtFQUNBLEtBQUssU0FBUztHQUNaLE1BQU0sTUFBTSxTQUFTLEtBQUssS0FBSyxLQUFLLE9BQU87R0FDM0MsSUFBSSxRQUFRLEtBQUEsR0FBVyxPQUFPLEtBQUE7R0FDOUIsUUFBUSxLQUFLLElBQWI7SUFDRSxLQUFLLEtBQ0gsT0FBTyxDQUFDO0lBQ1YsS0FBSyxLQUNILE9BQU8sQ0FBQztJQUNWLEtBQUssS0FDSCxPQUFPLE1BQU07SUFDZixLQUFLLEtBQ0gsT0FBUSxPQUFPLElBQUs7SUFDdEIsU0FDRSxPQUFPO0dBQ1g7RUFDRjtFQUNBLEtBQUssVUFBVTtHQUNiLE1BQU0sT0FBTyxTQUFTLEtBQUssTUFBTSxLQUFLLE9BQU87R0FDN0MsTUFBTSxRQUFRLFNBQVMsS0FBSyxPQUFPLEtBQUssT0FBTztHQUMvQyxJQUFJLFNBQVMsS0FBQSxLQUFhLFVBQVUsS0FBQSxHQUFXLE9BQU8sS0FBQTtHQUN0RCxRQUFRLEtBQUssSUFBYjtJQUNFLEtBQUssS0FDSCxPQUFPLE9BQU87SUFDaEIsS0FBSyxLQUNILE9BQU8sT0FBTztJQUNoQixLQUFLLEtBQ0gsT0FBTyxPQUFPO0lBQ2hCLEtBQUs7S0FDSCxJQUFJLFVBQVUsR0FBRyxNQUFNLElBQUksZ0JBQWdCLG9CQUFvQixLQUFLLE1BQU07S0FDMUUsT0FBTyxLQUFLLE1BQU0sT0FBTyxLQUFLO0lBQ2hDLEtBQUssS0FDSCxPQUFPLE9BQU87SUFDaEIsS0FBSyxLQUNILE9BQU8sT0FBTztJQUNoQixTQUNFLE9BQU8sT0FBTztHQUNsQjtFQUNGO0NBQ0Y7QUFDRjs7QUN0SkEsTUFBTSw0QkFBWSxJQUFJLElBQUk7Q0FBQztDQUFLO0NBQUs7Q0FBSztDQUFLO0NBQUs7Q0FBSztDQUFLO0NBQUs7Q0FBSztDQUFLO0NBQUs7Q0FBSztDQUFLO0NBQUs7Q0FBSztBQUFHLENBQUM7QUFDMUcsTUFBTSxVQUFrQztDQUN0QyxHQUFHO0NBQ0gsR0FBRztDQUNILEdBQUc7Q0FDSCxLQUFLO0NBQ0wsTUFBTTtDQUNOLE1BQUs7Q0FDTCxLQUFLO0FBQ1A7QUFFQSxTQUFTLGFBQWEsSUFBcUI7Q0FDekMsT0FBTyxjQUFjLEtBQUssRUFBRTtBQUM5QjtBQUVBLFNBQVMsWUFBWSxJQUFxQjtDQUN4QyxPQUFPLGlCQUFpQixLQUFLLEVBQUU7QUFDakM7Ozs7O0FBTUEsU0FBZ0IsYUFBYSxNQUE0RDtDQUN2RixNQUFNLFNBQWtCLENBQUM7Q0FDekIsTUFBTSxTQUEwQixDQUFDO0NBQ2pDLElBQUksSUFBSTtDQUNSLE1BQU0sUUFBUSxNQUFpQixNQUFjLE9BQWUsVUFBd0I7RUFDbEYsT0FBTyxLQUFLO0dBQUU7R0FBTTtHQUFNO0dBQU8sUUFBUSxRQUFRO0VBQUUsQ0FBQztDQUN0RDtDQUNBLE9BQU8sSUFBSSxLQUFLLFFBQVE7RUFDdEIsTUFBTSxLQUFLLEtBQUssTUFBTTtFQUN0QixNQUFNLFFBQVE7RUFDZCxJQUFJLE9BQU8sS0FBSztFQUNoQixJQUFJLE9BQU8sT0FBTyxPQUFPLE9BQVEsT0FBTyxNQUFNO0dBQzVDO0dBQ0E7RUFDRjtFQUNBLElBQUksT0FBTyxPQUFPLE9BQU8sT0FBTyxRQUFRLEtBQUssRUFBRSxHQUFHO0dBQ2hELE1BQU0sUUFBUSxPQUFPLE1BQU0sS0FBSyxPQUFPLE1BQU0sSUFBSTtHQUNqRCxJQUFJLFVBQVUsSUFBSTtHQUNsQixNQUFNLGVBQWUsVUFBVSxLQUFLLGdCQUFnQixVQUFVLElBQUksU0FBUztHQUMzRSxJQUFJLFNBQVM7R0FDYixPQUFPLElBQUksS0FBSyxVQUFVLGFBQWEsS0FBSyxLQUFLLE1BQU0sRUFBRSxHQUFHLFVBQVUsS0FBSztHQUMzRSxJQUFJLElBQUksS0FBSyxVQUFVLGVBQWUsS0FBSyxLQUFLLE1BQU0sRUFBRSxHQUFHO0lBQ3pELE9BQU8sSUFBSSxLQUFLLFVBQVUsZUFBZSxLQUFLLEtBQUssTUFBTSxFQUFFLEdBQUcsVUFBVSxLQUFLO0lBQzdFLE9BQU8sS0FBSztLQUFFLFFBQVEsUUFBUTtLQUFHLFNBQVMscUJBQXFCLEtBQUssTUFBTSxPQUFPLENBQUMsRUFBRTtJQUFHLENBQUM7SUFDeEYsS0FBSyxVQUFVLEtBQUssTUFBTSxPQUFPLENBQUMsR0FBRyxHQUFHLEtBQUs7SUFDN0M7R0FDRjtHQUNBLElBQUksV0FBVyxJQUFJO0lBQ2pCLE9BQU8sS0FBSztLQUNWLFFBQVEsUUFBUTtLQUNoQixTQUFTLElBQUksR0FBRyx3QkFBd0IsVUFBVSxLQUFLLFFBQVEsU0FBUztJQUMxRSxDQUFDO0lBQ0QsS0FBSyxVQUFVLElBQUksR0FBRyxLQUFLO0lBQzNCO0dBQ0Y7R0FDQSxLQUFLLFVBQVUsS0FBSyxNQUFNLE9BQU8sQ0FBQyxHQUFHLFNBQVMsUUFBUSxLQUFLLEdBQUcsS0FBSztHQUNuRTtFQUNGO0VBQ0EsSUFBSSxhQUFhLEVBQUUsR0FBRztHQUNwQjtHQUNBLE9BQU8sSUFBSSxLQUFLLFVBQVUsWUFBWSxLQUFLLE1BQU0sRUFBRSxHQUFHO0dBQ3RELEtBQUssU0FBUyxLQUFLLE1BQU0sT0FBTyxDQUFDLEdBQUcsR0FBRyxLQUFLO0dBQzVDO0VBQ0Y7RUFDQSxJQUFJLE9BQU8sUUFBTyxPQUFPLEtBQUs7R0FDNUIsTUFBTSxRQUFRO0dBQ2Q7R0FDQSxNQUFNLFFBQWtCLENBQUM7R0FDekIsSUFBSSxTQUFTO0dBQ2IsT0FBTyxJQUFJLEtBQUssUUFBUTtJQUN0QixNQUFNLElBQUksS0FBSyxNQUFNO0lBQ3JCLElBQUksTUFBTSxPQUFPO0tBQ2YsU0FBUztLQUNUO0tBQ0E7SUFDRjtJQUNBLElBQUksTUFBTSxNQUFNO0tBQ2QsTUFBTSxPQUFPLEtBQUssSUFBSSxNQUFNO0tBQzVCLElBQUksU0FBUyxPQUFPLG1CQUFtQixLQUFLLEtBQUssTUFBTSxJQUFJLEdBQUcsSUFBSSxDQUFDLENBQUMsR0FBRztNQUNyRSxNQUFNLEtBQUssU0FBUyxLQUFLLE1BQU0sSUFBSSxHQUFHLElBQUksQ0FBQyxHQUFHLEVBQUUsQ0FBQztNQUNqRCxLQUFLO01BQ0w7S0FDRjtLQUNBLE1BQU0sT0FBTyxRQUFRO0tBQ3JCLElBQUksU0FBUyxLQUFBLEdBQVc7TUFDdEIsT0FBTyxLQUFLO09BQUUsUUFBUSxJQUFJO09BQUcsU0FBUyxxQkFBcUIsS0FBSztNQUFHLENBQUM7TUFDcEUsS0FBSztNQUNMO0tBQ0Y7S0FDQSxNQUFNLEtBQUssSUFBSTtLQUNmLEtBQUs7S0FDTDtJQUNGO0lBQ0EsTUFBTSxLQUFLLEVBQUUsV0FBVyxDQUFDLENBQUM7SUFDMUI7R0FDRjtHQUNBLElBQUksQ0FBQyxRQUNILE9BQU8sS0FBSztJQUFFLFFBQVEsUUFBUTtJQUFHLFNBQVMsZ0JBQWdCLFVBQVUsT0FBTSxXQUFXO0dBQWMsQ0FBQztHQUN0RyxJQUFJLFVBQVUsS0FBSztJQUNqQixJQUFJLE1BQU0sV0FBVyxHQUNuQixPQUFPLEtBQUs7S0FBRSxRQUFRLFFBQVE7S0FBRyxTQUFTO0lBQW1ELENBQUM7SUFFaEcsS0FBSyxVQUFVLEtBQUssTUFBTSxPQUFPLENBQUMsR0FBRyxNQUFNLE1BQU0sR0FBRyxLQUFLO0dBQzNELE9BQ0UsS0FBSyxVQUFVLE9BQU8sYUFBYSxHQUFHLEtBQUssR0FBRyxHQUFHLEtBQUs7R0FFeEQ7RUFDRjtFQUNBLElBQUksVUFBVSxJQUFJLEVBQUUsR0FBRztHQUNyQjtHQUNBLEtBQUssTUFBTSxJQUFJLEdBQUcsS0FBSztHQUN2QjtFQUNGO0VBQ0EsT0FBTyxLQUFLO0dBQUUsUUFBUSxRQUFRO0dBQUcsU0FBUyx5QkFBeUIsR0FBRztFQUFHLENBQUM7RUFDMUU7Q0FDRjtDQUNBLE9BQU8sS0FBSztFQUFFLE1BQU07RUFBTyxNQUFNO0VBQUksT0FBTztFQUFHLFFBQVEsS0FBSyxJQUFJLEdBQUcsS0FBSyxNQUFNLElBQUk7Q0FBRSxDQUFDO0NBQ3JGLE9BQU87RUFBRTtFQUFRO0NBQU87QUFDMUI7O0FDakZBLE1BQU0sWUFBWSxJQUFJLElBQUksUUFBUSxTQUFTLFNBQVUsT0FBTyxDQUFDLEtBQUssUUFBUSxJQUFJLENBQUMsQ0FBRSxDQUFDO0FBQ2xGLE1BQU0sMkJBQVcsSUFBSSxJQUFJO0NBQUM7Q0FBTztDQUFPO0NBQU87Q0FBTztDQUFPO0NBQU87Q0FBTztBQUFLLENBQUM7QUFDakYsTUFBTSw2QkFBYSxJQUFJLElBQUk7Q0FBQztDQUFRO0NBQVM7Q0FBUztDQUFTO0NBQVM7Q0FBVTtBQUFVLENBQUM7QUFDN0YsTUFBTSwyQkFBVyxJQUFJLElBQUk7Q0FBQyxHQUFHO0NBQVc7Q0FBSztDQUFLO0FBQUcsQ0FBQztBQUN0RCxNQUFNLG9CQUFvQjtBQTBCMUIsSUFBTSxPQUFOLGNBQW1CLE1BQU07Q0FDdkI7Q0FDQSxZQUFZLFNBQWlCLFFBQWdCO0VBQzNDLE1BQU0sT0FBTztFQUNiLEtBQUssU0FBUztDQUNoQjtBQUNGO0FBRUEsU0FBU0EsTUFBSSxPQUFlLFFBQXdCO0NBQ2xELE9BQU8sT0FBTyxVQUFVLEVBQUEsQ0FBRyxTQUFTLEVBQUUsQ0FBQyxDQUFDLFlBQVksQ0FBQyxDQUFDLFNBQVMsUUFBUSxHQUFHO0FBQzVFO0FBSUEsU0FBUyxRQUFRLE1BQXNCO0NBQ3JDLE1BQU0sUUFBUSxLQUFLLElBQUksS0FBSyxZQUFZLEdBQUcsR0FBRyxLQUFLLFlBQVksSUFBSSxDQUFDO0NBQ3BFLE9BQU8sUUFBUSxJQUFJLEtBQUssS0FBSyxNQUFNLEdBQUcsUUFBUSxDQUFDO0FBQ2pEO0FBRUEsU0FBUyxXQUFXLE1BQXVCO0NBQ3pDLE9BQU8sMEJBQTBCLEtBQUssSUFBSTtBQUM1QztBQUVBLFNBQVMsU0FBUyxNQUFjLFVBQTBCO0NBQ3hELE9BQU8sVUFBVSxXQUFXLFFBQVEsS0FBSyxTQUFTLEtBQUssV0FBVyxPQUFPLFFBQVE7QUFDbkY7QUFFQSxTQUFTLFVBQVUsTUFBc0I7Q0FDdkMsTUFBTSxPQUFPLHFCQUFxQixLQUFLLElBQUksQ0FBQyxHQUFHLEVBQUUsQ0FBQyxRQUFRLE1BQU0sR0FBRyxLQUFLO0NBQ3hFLE1BQU0sUUFBa0IsQ0FBQztDQUN6QixLQUFLLE1BQU0sUUFBUSxLQUFLLE1BQU0sS0FBSyxNQUFNLENBQUMsQ0FBQyxNQUFNLE9BQU8sR0FBRztFQUN6RCxJQUFJLFNBQVMsTUFBTSxTQUFTLEtBQUs7RUFDakMsSUFBSSxTQUFTLFFBQVEsTUFBTSxTQUFTLEtBQUssTUFBTSxNQUFNLFNBQVMsT0FBTyxNQUFNLE1BQU0sSUFBSTtPQUNoRixJQUFJLFNBQVMsUUFBUSxTQUFTLElBQUk7T0FDbEMsTUFBTSxLQUFLLElBQUk7Q0FDdEI7Q0FDQSxPQUFPLE9BQU8sTUFBTSxLQUFLLEdBQUc7QUFDOUI7Ozs7Ozs7QUFRQSxTQUFnQixTQUFTLFFBQWdCLFVBQTJCLENBQUMsR0FBbUI7Q0FDdEYsT0FBTyxJQUFJLFVBQVUsT0FBTyxDQUFDLENBQUMsSUFBSSxNQUFNO0FBQzFDO0FBRUEsSUFBTSxZQUFOLE1BQWdCO0NBQ2Q7Q0FDQTtDQUNBO0NBQ0EsU0FBc0MsQ0FBQztDQUN2QyxhQUEyQyxDQUFDO0NBQzVDLDBCQUEyQixJQUFJLElBQW9CO0NBQ25ELDRCQUE2QixJQUFJLElBQXNCO0NBQ3ZELGFBQXdDLENBQUM7O0NBRXpDLFFBQWdCO0NBQ2hCLEtBQWE7Q0FDYixRQUFnQjtDQUNoQixlQUFpQyxDQUFDO0NBRWxDLFlBQVksU0FBMEI7RUFDcEMsS0FBSyxXQUFXLFFBQVEsWUFBWTtFQUNwQyxLQUFLLFdBQVcsUUFBUTtFQUN4QixLQUFLLFdBQVcsUUFBUSxXQUFXLE9BQVE7Q0FDN0M7Q0FFQSxJQUFJLFFBQWdDO0VBQ2xDLEtBQUssUUFBUSxRQUFRLEtBQUssUUFBUTtFQUNsQyxLQUFLLGlCQUFpQjtFQUN0QixNQUFNLHlCQUFTLElBQUksV0FBVyxLQUFPO0VBQ3JDLE1BQU0seUJBQVEsSUFBSSxXQUFXLEtBQU8sRUFBQSxDQUFFLEtBQUssRUFBRTtFQUM3QyxNQUFNLFVBQXlCLENBQUM7RUFDaEMsS0FBSyxXQUFXLFNBQVMsV0FBVyxVQUFVO0dBQzVDLEtBQUssUUFBUTtHQUNiLE1BQU0sUUFBUSxLQUFLLEtBQUssU0FBUztHQUNqQyxNQUFNLE9BQU8sVUFBVTtHQUN2QixNQUFNLFFBQXFCO0lBQ3pCLE1BQU0sVUFBVSxJQUFJO0lBQ3BCLE1BQU0sVUFBVSxJQUFJO0lBQ3BCLFNBQ0UsVUFBVSxPQUFPLEtBQUssVUFBVSxTQUFTLEtBQUssU0FBUyxnQkFDbkQsVUFBVSxVQUNWLEtBQUE7SUFDTjtJQUNBLFFBQVEsVUFBVSxJQUFJO0dBQ3hCO0dBQ0EsTUFBTSxRQUFRLEtBQUssU0FBUyxhQUFhLEtBQUssUUFBUSxJQUFJLEtBQUssSUFBSSxJQUFJLEtBQUE7R0FDdkUsSUFBSSxVQUFVLEtBQUEsR0FBVyxNQUFNLFFBQVE7R0FDdkMsUUFBUSxLQUFLLEtBQUs7R0FDbEIsSUFBSSxrQkFBa0I7R0FDdEIsTUFBTSxTQUFTLE1BQU0sV0FBVztJQUM5QixNQUFNLFVBQVUsVUFBVSxVQUFVO0lBQ3BDLElBQUksVUFBVSxPQUFRO0lBQ3RCLE1BQU0sUUFBUSxLQUFLLFdBQVcsTUFBTSxZQUFZO0lBQ2hELElBQUksU0FBUyxDQUFDLGlCQUFpQjtLQUM3QixrQkFBa0I7S0FDbEIsS0FBSyxNQUNILFVBQVUsS0FDVixHQUNBLFdBQVdBLE1BQUksU0FBUyxDQUFDLEVBQUUsc0JBQXNCLE1BQU0sSUFBSSxLQUFLLEdBQUcsTUFBTSxJQUFJLE1BQy9FO0lBQ0Y7SUFDQSxPQUFPLFdBQVc7SUFDbEIsTUFBTSxXQUFXO0dBQ25CLENBQUM7RUFDSCxDQUFDO0VBQ0QsTUFBTSxXQUFzQixDQUFDO0VBQzdCLElBQUksUUFBUTtFQUNaLEtBQUssSUFBSSxVQUFVLEdBQUcsV0FBVyxPQUFTLFdBQVc7R0FDbkQsTUFBTSxPQUFPLFVBQVUsVUFBWSxNQUFNLFlBQVksT0FBTztHQUM1RCxJQUFJLFFBQVEsUUFBUSxHQUFHLFFBQVE7R0FDL0IsSUFBSSxDQUFDLFFBQVEsU0FBUyxHQUFHO0lBQ3ZCLFNBQVMsS0FBSztLQUFFLFNBQVM7S0FBTyxPQUFPLE9BQU8sTUFBTSxPQUFPLE9BQU87SUFBRSxDQUFDO0lBQ3JFLFFBQVE7R0FDVjtFQUNGO0VBQ0EsTUFBTSxRQUFRLFNBQVM7RUFDdkIsTUFBTSxPQUFPLFNBQVMsU0FBUyxTQUFTO0VBQ3hDLE1BQU0sU0FBUyxRQUFRLE1BQU0sVUFBVTtFQUN2QyxNQUFNLE1BQU0sT0FBTyxLQUFLLFVBQVUsS0FBSyxNQUFNLFNBQVM7RUFDdEQsTUFBTSxRQUFRLElBQUksV0FBVyxNQUFNLE1BQU0sQ0FBQyxDQUFDLEtBQUssS0FBSyxPQUFPO0VBQzVELEtBQUssTUFBTSxXQUFXLFVBQVUsTUFBTSxJQUFJLFFBQVEsT0FBTyxRQUFRLFVBQVUsTUFBTTtFQUNqRixPQUFPO0dBQ0wsSUFBSSxLQUFLLE9BQU8sV0FBVztHQUMzQixRQUFRLEtBQUssYUFBYTtHQUMxQjtHQUNBO0dBQ0E7R0FDQSxTQUFTLElBQUksSUFBSSxLQUFLLE9BQU87R0FDN0I7RUFDRjtDQUNGO0NBRUEsTUFBYyxLQUFlLFFBQWdCLFNBQXVCO0VBQ2xFLEtBQUssT0FBTyxLQUFLO0dBQUUsTUFBTSxJQUFJO0dBQU0sTUFBTSxJQUFJO0dBQU07R0FBUTtFQUFRLENBQUM7RUFDcEUsS0FBSyxXQUFXLEtBQUssS0FBSyxLQUFLO0NBQ2pDOztDQUdBLGVBQW1DO0VBQ2pDLE9BQU8sS0FBSyxPQUNULEtBQUssT0FBTyxXQUFXO0dBQUU7R0FBTyxPQUFPLEtBQUssV0FBVyxVQUFVO0dBQUc7RUFBTSxFQUFFLENBQUMsQ0FDN0UsTUFBTSxHQUFHLE1BQU0sRUFBRSxRQUFRLEVBQUUsU0FBUyxFQUFFLFFBQVEsRUFBRSxLQUFLLENBQUMsQ0FDdEQsS0FBSyxFQUFFLFlBQVksS0FBSztDQUM3QjtDQUVBLFFBQWdCLFFBQWdCLE1BQW9CO0VBQ2xELEtBQUssYUFBYSxLQUFLLElBQUk7RUFDM0IsSUFBSTtHQUVGLE9BRHFCLE1BQU0sWUFDdkIsQ0FBQyxDQUFDLFNBQVMsTUFBTSxVQUFVO0lBQzdCLE1BQU0sTUFBZ0I7S0FBRTtLQUFNLE1BQU0sUUFBUTtLQUFHLFFBQVE7SUFBSztJQUM1RCxLQUFLLFFBQVEsS0FBSyxXQUFXO0lBQzdCLElBQUk7S0FDRixLQUFLLFVBQVUsR0FBRztJQUNwQixTQUFTLE9BQU87S0FDZCxJQUFJLEVBQUUsaUJBQWlCLFFBQVEsaUJBQWlCLGtCQUFrQixNQUFNO0tBQ3hFLEtBQUssTUFBTSxLQUFLLE1BQU0sUUFBUSxNQUFNLE9BQU87S0FDM0MsSUFBSSxLQUFLLFdBQVcsS0FBSyxXQUFXLFNBQVMsRUFBRSxFQUFFLFFBQVEsS0FFdkQsS0FBSyxXQUFXLEtBQUs7TUFDbkI7TUFDQSxPQUFPLEtBQUs7TUFDWixTQUFTLEtBQUs7TUFDZCxNQUFNO01BQ04sT0FBTyxLQUFBO01BQ1AsTUFBQSxFQVBtQixNQUFNLE9BT3RCO0tBQ0wsQ0FBQztJQUVMO0dBQ0YsQ0FBQztFQUNILFVBQVU7R0FDUixLQUFLLGFBQWEsSUFBSTtFQUN4QjtDQUNGO0NBRUEsUUFBZ0IsTUFBc0I7RUFDcEMsT0FBTyxLQUFLLFdBQVcsR0FBRyxJQUFJLEdBQUcsS0FBSyxRQUFRLFNBQVM7Q0FDekQ7Q0FFQSxTQUFpQixPQUFxRDtFQUNwRSxRQUFRLFNBQVMsS0FBSyxRQUFRLElBQUksS0FBSyxXQUFXLEdBQUcsSUFBSSxHQUFHLFFBQVEsU0FBUyxJQUFJO0NBQ25GO0NBRUEsT0FBZSxNQUFjLE9BQTJCLEtBQWUsUUFBc0I7RUFDM0YsTUFBTSxNQUFNLEtBQUssUUFBUSxJQUFJO0VBQzdCLElBQUksU0FBUyxJQUFJLEtBQUssWUFBWSxDQUFDLEdBQ2pDLE1BQU0sSUFBSSxLQUFLLElBQUksS0FBSyxtREFBbUQsTUFBTTtFQUVuRixNQUFNLFdBQVcsS0FBSyxVQUFVLElBQUksR0FBRztFQUN2QyxJQUFJLFVBQ0YsTUFBTSxJQUFJLEtBQUssSUFBSSxLQUFLLDBCQUEwQixTQUFTLEtBQUssR0FBRyxTQUFTLFFBQVEsTUFBTTtFQUU1RixJQUFJLFVBQVUsS0FBQSxHQUFXLEtBQUssUUFBUSxJQUFJLEtBQUssS0FBSztFQUNwRCxLQUFLLFVBQVUsSUFBSSxLQUFLLEdBQUc7Q0FDN0I7Q0FFQSxJQUFZLEtBQWUsT0FBMkIsTUFBYyxNQUFrQjtFQUNwRixJQUFJLEtBQUssS0FBSyxPQUFPLE9BQ25CLEtBQUssTUFBTSxLQUFLLEdBQUcsZ0RBQWdEQSxNQUFJLEtBQUssSUFBSSxDQUFDLEVBQUUsRUFBRTtFQUV2RixLQUFLLFdBQVcsS0FBSztHQUFFO0dBQUssT0FBTyxLQUFLO0dBQU8sU0FBUyxLQUFLO0dBQUk7R0FBTTtHQUFPO0VBQUssQ0FBQztFQUNwRixLQUFLLE1BQU07Q0FDYjtDQUVBLFVBQWtCLEtBQXFCO0VBQ3JDLE1BQU0sRUFBRSxRQUFRLFdBQVcsYUFBYSxJQUFJLE1BQU07RUFDbEQsTUFBTSxhQUFhLE9BQU87RUFDMUIsSUFBSSxZQUFZO0dBQ2QsS0FBSyxNQUFNLEtBQUssT0FBTyxNQUFNLENBQUMsR0FBRyxLQUFLLE1BQU0sS0FBSyxFQUFFLFFBQVEsRUFBRSxPQUFPO0dBQ3BFLE1BQU0sSUFBSSxLQUFLLFdBQVcsU0FBUyxXQUFXLE1BQU07RUFDdEQ7RUFDQSxNQUFNLFNBQVMsSUFBSSxZQUFZLE1BQU07RUFDckMsSUFBSTtFQUNKLE1BQU0sUUFBUSxPQUFPLEtBQUs7RUFFMUIsSUFBSSxNQUFNLFNBQVMsUUFBUSxNQUFNLFNBQVMsT0FBTyxPQUFPLEtBQUssS0FBSyxDQUFDLEdBQUc7R0FDcEUsT0FBTyxLQUFLO0dBQ1osT0FBTyxLQUFLO0dBQ1osS0FBSyxVQUFVLFFBQVEsR0FBRztHQUMxQjtFQUNGO0VBQ0EsSUFBSSxNQUFNLFNBQVMsV0FBVyxDQUFDLE1BQU0sS0FBSyxXQUFXLEdBQUcsR0FBRztHQUN6RCxJQUFJLE9BQU8sS0FBSyxLQUFLLENBQUMsR0FBRztJQUN2QixPQUFPLEtBQUs7SUFDWixPQUFPLEtBQUs7SUFDWixNQUFNLE9BQU8sZ0JBQWdCLE1BQU07SUFDbkMsS0FBSyxVQUFVLE1BQU07SUFDckIsTUFBTSxRQUFRLEtBQUssWUFBWSxJQUFJO0lBQ25DLEtBQUssT0FBTyxNQUFNLE1BQU0sT0FBTyxLQUFLLE1BQU0sTUFBTTtJQUNoRCxLQUFLLElBQUksS0FBSyxLQUFBLEdBQVcsR0FBRztLQUMxQixNQUFNO0tBQ04sTUFBTSxLQUFLLFFBQVEsTUFBTSxJQUFJO0tBQzdCO0tBQ0EsUUFBUSxNQUFNO0lBQ2hCLENBQUM7SUFDRDtHQUNGO0dBQ0EsTUFBTSxRQUFRLE9BQU8sS0FBSyxLQUFLLENBQUM7R0FDaEMsTUFBTSxZQUFZLFVBQVUsSUFBSSxNQUFNLEtBQUssWUFBWSxDQUFDO0dBQ3hELElBQUksU0FBVSxNQUFNLFdBQVcsS0FBSyxDQUFDLFdBQVk7SUFDL0MsT0FBTyxLQUFLO0lBQ1osSUFBSSxPQUFPLE9BQU8sS0FBSztJQUN2QixJQUFJLENBQUMsTUFBTSxLQUFLLFdBQVcsR0FBRyxHQUFHLEtBQUssUUFBUSxNQUFNO0lBQ3BELEtBQUssT0FBTyxNQUFNLE1BQU0sS0FBSyxJQUFJLEtBQUssTUFBTSxNQUFNO0lBQ2xELFFBQVE7S0FBRSxNQUFNLEtBQUssUUFBUSxNQUFNLElBQUk7S0FBRyxRQUFRLE1BQU07SUFBTztHQUNqRTtFQUNGO0VBRUEsTUFBTSxPQUFPLE9BQU8sS0FBSztFQUN6QixJQUFJLEtBQUssU0FBUyxPQUFPO0dBQ3ZCLEtBQUssSUFBSSxLQUFLLE9BQU8sR0FBRyxFQUFFLE1BQU0sT0FBTyxDQUFDO0dBQ3hDO0VBQ0Y7RUFDQSxJQUFJLEtBQUssU0FBUyxTQUFTO0dBQ3pCLElBQUksU0FBUyxDQUFDLE9BQU8sS0FBSyxLQUFLLEVBQUUsR0FDL0IsTUFBTSxJQUFJLEtBQUssd0JBQXdCLE1BQU0sS0FBSyxJQUFJLE1BQU0sTUFBTTtHQUVwRSxNQUFNLElBQUksS0FBSyxnREFBZ0QsS0FBSyxLQUFLLElBQUksS0FBSyxNQUFNO0VBQzFGO0VBQ0EsT0FBTyxLQUFLO0VBQ1osTUFBTSxPQUFPLEtBQUssS0FBSyxZQUFZO0VBQ25DLElBQUksS0FBSyxXQUFXLEdBQUcsR0FBRztHQUN4QixLQUFLLGVBQWUsTUFBTSxNQUFNLFFBQVEsS0FBSyxLQUFLO0dBQ2xEO0VBQ0Y7RUFDQSxNQUFNLFdBQVcsS0FBSyxLQUFLLFlBQVk7RUFDdkMsSUFBSSxDQUFDLFVBQVUsSUFBSSxRQUFRLEdBQUc7R0FDNUIsSUFBSSxPQUFPLEtBQUssR0FBRyxHQUNqQixNQUFNLElBQUksS0FBSyxhQUFhLEtBQUssS0FBSyx3QkFBd0IsS0FBSyxNQUFNO0dBRTNFLE1BQU0sSUFBSSxLQUFLLHdCQUF3QixLQUFLLEtBQUssSUFBSSxLQUFLLE1BQU07RUFDbEU7RUFDQSxLQUFLLGlCQUFpQixVQUFVLE1BQU0sUUFBUSxLQUFLLEtBQUs7Q0FDMUQ7Q0FFQSxVQUFrQixRQUEyQjtFQUMzQyxNQUFNLFFBQVEsT0FBTyxLQUFLO0VBQzFCLElBQUksTUFBTSxTQUFTLE9BQ2pCLE1BQU0sSUFBSSxLQUFLLGVBQWUsTUFBTSxLQUFLLG1DQUFtQyxNQUFNLE1BQU07Q0FDNUY7Q0FFQSxZQUFvQixNQUFnQztFQUNsRCxPQUFPLFNBQVMsTUFBTTtHQUFFLFFBQVEsS0FBSyxTQUFTLEtBQUssS0FBSztHQUFHLElBQUksS0FBSztFQUFHLENBQUM7Q0FDMUU7Q0FFQSxhQUFxQixNQUFZLFFBQWdCLE1BQXNCO0VBQ3JFLE1BQU0sVUFBb0IsQ0FBQztFQUMzQixNQUFNLFFBQVEsU0FBUyxNQUFNO0dBQUUsUUFBUSxLQUFLLFNBQVMsS0FBSyxLQUFLO0dBQUcsSUFBSSxLQUFLO0VBQUcsSUFBSSxTQUNoRixRQUFRLEtBQUssSUFBSSxDQUNuQjtFQUNBLElBQUksVUFBVSxLQUFBLEdBQ1osTUFBTSxJQUFJLEtBQ1IsR0FBRyxLQUFLLGlDQUFpQyxRQUFRLE1BQU0sSUFBSSx1QkFDM0QsTUFDRjtFQUVGLE9BQU87Q0FDVDtDQUVBLFVBQWtCLFFBQXFCLEtBQXFCO0VBQzFELE1BQU0sU0FBUyxPQUFPLEtBQUssQ0FBQyxDQUFDO0VBQzdCLE1BQU0sUUFBUSxLQUFLLGFBQWEsZ0JBQWdCLE1BQU0sR0FBRyxRQUFRLFlBQVk7RUFDN0UsS0FBSyxVQUFVLE1BQU07RUFDckIsSUFBSSxRQUFRLEtBQUssUUFBUSxPQUFRLE1BQU0sSUFBSSxLQUFLLFVBQVUsTUFBTSwwQkFBMEIsTUFBTTtFQUNoRyxLQUFLLElBQUksS0FBSyxLQUFBLEdBQVcsR0FBRyxFQUFFLE1BQU0sT0FBTyxDQUFDO0VBQzVDLEtBQUssS0FBSztDQUNaO0NBRUEsZUFDRSxNQUNBLE1BQ0EsUUFDQSxLQUNBLE9BQ007RUFDTixRQUFRLE1BQVI7R0FDRSxLQUFLO0lBQ0gsSUFBSSxPQUNGLE1BQU0sSUFBSSxLQUFLLG1FQUFtRSxNQUFNLE1BQU07SUFDaEcsS0FBSyxVQUFVLFFBQVEsR0FBRztJQUMxQjtHQUVGLEtBQUs7R0FDTCxLQUFLO0dBQ0wsS0FBSyxTQUFTO0lBQ1osTUFBTSxRQUFRLFNBQVMsVUFBVSxJQUFJO0lBQ3JDLE1BQU0sUUFBb0IsQ0FBQztJQUMzQixJQUFJLE9BQU87SUFDWCxHQUFHO0tBQ0QsTUFBTSxRQUFRLE9BQU8sS0FBSztLQUMxQixJQUFJLE1BQU0sU0FBUyxVQUFVO01BQzNCLElBQUksVUFBVSxHQUFHLE1BQU0sSUFBSSxLQUFLLCtCQUErQixNQUFNLE1BQU07TUFDM0UsT0FBTyxLQUFLO01BQ1osTUFBTSxLQUFLO09BQUUsTUFBTTtPQUFVLE1BQU0sTUFBTTtNQUFLLENBQUM7TUFDL0MsUUFBUSxNQUFNLEtBQUs7S0FDckIsT0FBTztNQUNMLE1BQU0sS0FBSztPQUFFLE1BQU07T0FBUSxNQUFNLGdCQUFnQixNQUFNO01BQUUsQ0FBQztNQUMxRCxRQUFRO0tBQ1Y7SUFDRixTQUFTLE9BQU8sS0FBSyxHQUFHLEtBQUssT0FBTyxLQUFLO0lBQ3pDLEtBQUssVUFBVSxNQUFNO0lBQ3JCLEtBQUssSUFBSSxLQUFLLE9BQU8sTUFBTTtLQUFFLE1BQU07S0FBUTtLQUFPO0lBQU0sQ0FBQztJQUN6RDtHQUNGO0dBQ0EsS0FBSyxTQUFTO0lBQ1osTUFBTSxTQUFTLE9BQU8sS0FBSyxDQUFDLENBQUM7SUFDN0IsTUFBTSxRQUFRLEtBQUssYUFBYSxnQkFBZ0IsTUFBTSxHQUFHLFFBQVEsaUJBQWlCO0lBQ2xGLElBQUk7SUFDSixJQUFJLE9BQU8sS0FBSyxHQUFHLEdBQUc7S0FDcEIsT0FBTyxLQUFLO0tBQ1osUUFBUSxnQkFBZ0IsTUFBTTtJQUNoQztJQUNBLEtBQUssVUFBVSxNQUFNO0lBQ3JCLElBQUksUUFBUSxLQUFLLFFBQVEsT0FBUyxNQUFNLElBQUksS0FBSyxlQUFlLE1BQU0sc0JBQXNCLE1BQU07SUFDbEcsS0FBSyxJQUFJLEtBQUssT0FBTyxPQUFPO0tBQUUsTUFBTTtLQUFRO0tBQU87SUFBTSxDQUFDO0lBQzFEO0dBQ0Y7R0FDQSxLQUFLLFVBQVU7SUFDYixNQUFNLFNBQVMsT0FBTyxLQUFLLENBQUMsQ0FBQztJQUM3QixNQUFNLFdBQVcsS0FBSyxhQUFhLGdCQUFnQixNQUFNLEdBQUcsUUFBUSxxQkFBcUI7SUFDekYsSUFBSTtJQUNKLElBQUksT0FBTyxLQUFLLEdBQUcsR0FBRztLQUNwQixPQUFPLEtBQUs7S0FDWixRQUFRLGdCQUFnQixNQUFNO0lBQ2hDO0lBQ0EsS0FBSyxVQUFVLE1BQU07SUFDckIsSUFBSSxXQUFXLEtBQUssV0FBVyxPQUM3QixNQUFNLElBQUksS0FBSyxtQkFBbUIsU0FBUyxzQkFBc0IsTUFBTTtJQUN6RSxNQUFNLFNBQVMsV0FBWSxLQUFLLEtBQUssWUFBYTtJQUNsRCxJQUFJLE9BQU8sS0FBSyxRQUFRLElBQUksTUFBTSxNQUFNLEtBQUssS0FBSyxLQUFLO0lBQ3ZELEtBQUssSUFBSSxLQUFLLE9BQU8sT0FBTztLQUFFLE1BQU07S0FBUTtLQUFPO0lBQU0sQ0FBQztJQUMxRDtHQUNGO0dBQ0EsS0FBSyxZQUFZO0lBQ2YsTUFBTSxRQUFRLE9BQU8sS0FBSztJQUMxQixJQUFJLE1BQU0sU0FBUyxVQUNqQixNQUFNLElBQUksS0FBSywrQ0FBK0MsTUFBTSxNQUFNO0lBQzVFLEtBQUssVUFBVSxNQUFNO0lBQ3JCLElBQUksT0FBTyxLQUFLLElBQUksS0FBSyxPQUFPLEdBQUcsRUFBRSxNQUFNLE9BQU8sQ0FBQztJQUNuRCxJQUFJLENBQUMsS0FBSyxVQUNSLE1BQU0sSUFBSSxLQUFLLG1CQUFtQixNQUFNLEtBQUssOEJBQThCLE1BQU0sTUFBTTtJQUN6RixJQUFJLEtBQUssYUFBYSxVQUFVLG1CQUM5QixNQUFNLElBQUksS0FBSyxpQ0FBaUMsa0JBQWtCLFFBQVEsTUFBTSxNQUFNO0lBRXhGLE1BQU0sT0FBTyxTQUFTLFFBQVEsSUFBSSxJQUFJLEdBQUcsTUFBTSxJQUFJO0lBQ25ELElBQUksS0FBSyxhQUFhLFNBQVMsSUFBSSxHQUNqQyxNQUFNLElBQUksS0FDUixJQUFJLEtBQUsscUJBQXFCLENBQUMsR0FBRyxLQUFLLGNBQWMsSUFBSSxDQUFDLENBQUMsS0FBSyxNQUFNLEVBQUUsSUFDeEUsTUFBTSxNQUNSO0lBRUYsTUFBTSxPQUFPLEtBQUssU0FBUyxJQUFJO0lBQy9CLElBQUksU0FBUyxLQUFBLEdBQVcsTUFBTSxJQUFJLEtBQUssOEJBQThCLEtBQUssSUFBSSxNQUFNLE1BQU07SUFDMUYsS0FBSyxJQUFJLEtBQUssS0FBQSxHQUFXLEdBQUcsRUFBRSxNQUFNLE9BQU8sQ0FBQztJQUM1QyxLQUFLLFFBQVEsTUFBTSxJQUFJO0lBQ3ZCO0dBQ0Y7R0FDQSxTQUNFLE1BQU0sSUFBSSxLQUFLLHNCQUFzQixLQUFLLEtBQUssWUFBWSxDQUFDLEdBQUcsVUFBVSxDQUFDLENBQUMsS0FBSyxHQUFHLEVBQUUsSUFBSSxLQUFLLE1BQU07RUFDeEc7Q0FDRjtDQUVBLGlCQUNFLFVBQ0EsTUFDQSxRQUNBLEtBQ0EsT0FDTTtFQUNOLE1BQU0sZ0JBQWdCLE9BQU8sS0FBSyxDQUFDLENBQUM7RUFDcEMsTUFBTSxFQUFFLE9BQU8sWUFBWSxLQUFLLGFBQWEsVUFBVSxNQUFNO0VBQzdELEtBQUssVUFBVSxNQUFNO0VBQ3JCLE1BQU0sT0FBTyxLQUFLLGFBQWEsVUFBVSxPQUFPLE9BQU87RUFDdkQsSUFBSSxDQUFDLE1BQ0gsTUFBTSxJQUFJLEtBQ1IsR0FBRyxTQUFTLFVBQVUsY0FBYyxLQUFLLEVBQUUsbUJBQzNDLE1BQU0sU0FBUyxnQkFBZ0IsS0FBSyxNQUN0QztFQUVGLEtBQUssSUFBSSxLQUFLLE9BQU8sS0FBSyxPQUFPO0dBQUUsTUFBTTtHQUFlO0dBQU07R0FBUztFQUFjLENBQUM7Q0FDeEY7Q0FFQSxhQUNFLFVBQ0EsUUFDd0Q7RUFDeEQsTUFBTSxRQUFRLE9BQU8sS0FBSztFQUMxQixJQUFJLE1BQU0sU0FBUyxPQUFPLE9BQU87R0FBRSxPQUFPLENBQUMsT0FBTyxLQUFLO0dBQUcsU0FBUyxLQUFBO0VBQVU7RUFDN0UsSUFBSSxNQUFNLFNBQVMsV0FBVyxNQUFNLEtBQUssWUFBWSxNQUFNLE9BQU8sT0FBTyxLQUFLLENBQUMsQ0FBQyxDQUFDLFNBQVMsT0FBTztHQUMvRixPQUFPLEtBQUs7R0FDWixPQUFPO0lBQUUsT0FBTyxDQUFDLEtBQUs7SUFBRyxTQUFTLEtBQUE7R0FBVTtFQUM5QztFQUNBLElBQUksTUFBTSxTQUFTLFFBQVEsTUFBTSxTQUFTLEtBQUs7R0FDN0MsT0FBTyxLQUFLO0dBQ1osT0FBTztJQUFFLE9BQU8sQ0FBQyxLQUFLO0lBQUcsU0FBUyxnQkFBZ0IsTUFBTTtHQUFFO0VBQzVEO0VBQ0EsSUFBSSxTQUFTLElBQUksUUFBUSxHQUFHLE9BQU87R0FBRSxPQUFPLENBQUMsS0FBSztHQUFHLFNBQVMsZ0JBQWdCLE1BQU07RUFBRTtFQUN0RixJQUFJLE1BQU0sU0FBUyxRQUFRLE1BQU0sU0FBUyxLQUFLO0dBQzdDLE1BQU0sUUFBUSxPQUFPO0dBQ3JCLE9BQU8sS0FBSztHQUNaLE1BQU0sUUFBUSxnQkFBZ0IsTUFBTTtHQUNwQyxJQUFJLE9BQU8sS0FBSyxHQUFHLEtBQUssS0FBSyxXQUFXLE9BQU8sS0FBSyxDQUFDLEdBQUcsR0FBRyxLQUFLLE9BQU8sS0FBSyxLQUFLLENBQUMsR0FBRztJQUNuRixPQUFPLEtBQUs7SUFDWixPQUFPLEtBQUs7SUFDWixPQUFPLEtBQUs7SUFDWixPQUFPO0tBQUUsT0FBTyxDQUFDLEtBQUs7S0FBRyxTQUFTO0lBQU07R0FDMUM7R0FDQSxJQUFJLE9BQU8sS0FBSyxHQUFHLEdBQUc7SUFDcEIsTUFBTSxRQUFRLE9BQU8sS0FBSyxDQUFDO0lBQzNCLElBQUksTUFBTSxTQUFTLFFBQVEsTUFBTSxTQUFTLE9BQU8sS0FBSyxXQUFXLE9BQU8sS0FBSyxDQUFDLEdBQUcsR0FBRyxHQUFHO0tBQ3JGLE9BQU8sS0FBSztLQUNaLE9BQU8sS0FBSztLQUNaLE9BQU8sS0FBSztLQUNaLE9BQU87TUFBRSxPQUFPLENBQUMsS0FBSztNQUFHLFNBQVM7S0FBTTtJQUMxQztJQUNBLElBQUksTUFBTSxTQUFTLFNBQVMsYUFBYSxPQUFPO0tBQzlDLE9BQU8sS0FBSztLQUNaLE9BQU87TUFBRSxPQUFPLENBQUMsS0FBSztNQUFHLFNBQVM7S0FBTTtJQUMxQztHQUNGO0dBQ0EsT0FBTyxNQUFNO0VBQ2Y7RUFDQSxNQUFNLFVBQVUsZ0JBQWdCLE1BQU07RUFDdEMsSUFBSSxPQUFPLEtBQUssR0FBRyxHQUFHO0dBQ3BCLE9BQU8sS0FBSztHQUNaLE1BQU0sV0FBVyxPQUFPLEtBQUs7R0FDN0IsSUFBSSxLQUFLLFdBQVcsVUFBVSxHQUFHLEdBQUcsT0FBTztJQUFFLE9BQU8sQ0FBQyxPQUFPLEtBQUs7SUFBRztHQUFRO0dBQzVFLElBQUksS0FBSyxXQUFXLFVBQVUsR0FBRyxHQUFHLE9BQU87SUFBRSxPQUFPLENBQUMsT0FBTyxLQUFLO0lBQUc7R0FBUTtHQUM1RSxNQUFNLElBQUksS0FBSyx3Q0FBd0MsU0FBUyxLQUFLLElBQUksU0FBUyxNQUFNO0VBQzFGO0VBQ0EsT0FBTztHQUFFLE9BQU8sQ0FBQyxNQUFNLEtBQUs7R0FBRztFQUFRO0NBQ3pDO0NBRUEsV0FBbUIsT0FBYyxVQUE4QjtFQUM3RCxPQUFPLE1BQU0sU0FBUyxXQUFXLE1BQU0sS0FBSyxZQUFZLE1BQU07Q0FDaEU7Q0FFQSxhQUNFLFVBQ0EsT0FDQSxTQUN3QjtFQUN4QixNQUFNLGFBQWEsTUFBTSxTQUFTLFNBQVM7R0FDekMsTUFBTSxPQUFPLFdBQVcsVUFBVSxJQUFJO0dBQ3RDLE9BQU8sT0FBTyxDQUFDLElBQUksSUFBSSxDQUFDO0VBQzFCLENBQUM7RUFDRCxNQUFNLENBQUMsVUFBVSxZQUFZO0VBQzdCLElBQUksV0FBVyxTQUFTLEtBQUssQ0FBQyxZQUFZLENBQUMsVUFBVSxPQUFPLFdBQVc7RUFDdkUsSUFBSSxTQUFTLFNBQVMsT0FBTyxPQUFPO0VBQ3BDLE1BQU0sUUFBUSxVQUFVLEtBQUssWUFBWSxPQUFPLElBQUksS0FBQTtFQUNwRCxPQUFPLFVBQVUsS0FBQSxLQUFhLFNBQVMsS0FBSyxTQUFTLE1BQU8sV0FBVztDQUN6RTtDQUVBLG1CQUFpQztFQUMvQixNQUFNLFVBQVUsS0FBSyxXQUFXLFFBQzdCLE1BQU0sRUFBRSxLQUFLLFNBQVMsY0FBYyxDQUFDLEtBQUssUUFBUSxJQUFJLEVBQUUsS0FBSyxJQUFJLENBQ3BFO0VBQ0EsSUFBSSxXQUFXO0VBQ2YsT0FBTyxZQUFZLFFBQVEsU0FBUyxHQUFHO0dBQ3JDLFdBQVc7R0FDWCxLQUFLLElBQUksSUFBSSxRQUFRLFNBQVMsR0FBRyxLQUFLLEdBQUcsS0FBSztJQUM1QyxNQUFNLFlBQVksUUFBUTtJQUMxQixJQUFJLENBQUMsYUFBYSxVQUFVLEtBQUssU0FBUyxZQUFZO0lBQ3RELElBQUk7SUFDSixJQUFJO0tBQ0YsUUFBUSxTQUFTLFVBQVUsS0FBSyxNQUFNO01BQ3BDLFFBQVEsS0FBSyxTQUFTLFVBQVUsS0FBSztNQUNyQyxJQUFJLFVBQVU7S0FDaEIsQ0FBQztJQUNILFFBQVE7S0FDTixRQUFRLEtBQUE7SUFDVjtJQUNBLElBQUksVUFBVSxLQUFBLEdBQVc7S0FDdkIsS0FBSyxRQUFRLElBQUksVUFBVSxLQUFLLE1BQU0sS0FBSztLQUMzQyxRQUFRLE9BQU8sR0FBRyxDQUFDO0tBQ25CLFdBQVc7SUFDYjtHQUNGO0VBQ0Y7Q0FDRjtDQUVBLE1BQWMsV0FBc0IsTUFBWSxLQUFLLFVBQVUsU0FBNkI7RUFDMUYsTUFBTSxVQUE4QyxDQUFDO0VBQ3JELElBQUk7R0FDRixNQUFNLFFBQVEsU0FBUyxNQUFNO0lBQUUsUUFBUSxLQUFLLFNBQVMsVUFBVSxLQUFLO0lBQUc7R0FBRyxJQUFJLE1BQU0sV0FDbEYsUUFBUSxLQUFLO0lBQUU7SUFBTTtHQUFPLENBQUMsQ0FDL0I7R0FDQSxLQUFLLE1BQU0sS0FBSyxTQUFTLEtBQUssTUFBTSxVQUFVLEtBQUssRUFBRSxRQUFRLHFCQUFxQixFQUFFLEtBQUssRUFBRTtHQUMzRixPQUFPO0VBQ1QsU0FBUyxPQUFPO0dBQ2QsSUFBSSxpQkFBaUIsaUJBQWlCO0lBQ3BDLEtBQUssTUFBTSxVQUFVLEtBQUssTUFBTSxRQUFRLE1BQU0sT0FBTztJQUNyRDtHQUNGO0dBQ0EsTUFBTTtFQUNSO0NBQ0Y7Q0FFQSxLQUFhLFdBQWdDO0VBQzNDLE1BQU0sT0FBTyxVQUFVO0VBQ3ZCLFFBQVEsS0FBSyxNQUFiO0dBQ0UsS0FBSyxRQUNILE9BQU8sQ0FBQztHQUNWLEtBQUs7SUFDSCxJQUFJLENBQUMsS0FBSyxRQUFRLElBQUksS0FBSyxJQUFJLEdBQUcsS0FBSyxNQUFNLFdBQVcsS0FBSyxJQUFJO0lBQ2pFLE9BQU8sQ0FBQztHQUVWLEtBQUssUUFBUTtJQUNYLE1BQU0sUUFBUSxLQUFLLFFBQVEsS0FBSyxZQUFZLFdBQVcsS0FBSyxLQUFLLElBQUk7SUFDckUsT0FBTyxJQUFJLE1BQWMsS0FBSyxLQUFLLENBQUMsQ0FBQyxLQUFLLEtBQUs7R0FDakQ7R0FDQSxLQUFLLFFBQVE7SUFDWCxNQUFNLFFBQWtCLENBQUM7SUFDekIsS0FBSyxNQUFNLFFBQVEsS0FBSyxPQUN0QixJQUFJLEtBQUssU0FBUyxVQUNoQixLQUFLLE1BQU0sTUFBTSxLQUFLLE1BQU0sTUFBTSxLQUFLLEdBQUcsV0FBVyxDQUFDLElBQUksR0FBSTtTQUN6RCxJQUFJLEtBQUssVUFBVSxHQUN4QixNQUFNLEtBQUssS0FBSyxZQUFZLFdBQVcsS0FBSyxJQUFJLENBQUM7U0FDNUM7S0FDTCxNQUFNLFFBQVEsS0FBSyxNQUFNLFdBQVcsS0FBSyxJQUFJLEtBQUs7S0FDbEQsSUFBSSxRQUFRLFVBQVcsUUFBUSxPQUM3QixLQUFLLE1BQU0sVUFBVSxLQUFLLEtBQUssS0FBSyxRQUFRLFNBQVNBLE1BQUksT0FBTyxDQUFDLEVBQUUsd0JBQXdCO0tBRTdGLE1BQU0sS0FBSyxRQUFRLEtBQU8sU0FBUyxJQUFLLEdBQUk7SUFDOUM7SUFFRixPQUFPO0dBQ1Q7R0FDQSxLQUFLLGVBQ0gsT0FBTyxLQUFLLGdCQUFnQixXQUFXLEtBQUssTUFBTSxLQUFLLFNBQVMsS0FBSyxhQUFhO0VBQ3RGO0NBQ0Y7Q0FFQSxZQUFvQixXQUFzQixNQUFvQjtFQUM1RCxNQUFNLFFBQVEsS0FBSyxNQUFNLFdBQVcsSUFBSSxLQUFLO0VBQzdDLElBQUksUUFBUSxRQUFTLFFBQVEsS0FDM0IsS0FBSyxNQUNILFVBQVUsS0FDVixLQUFLLFFBQ0wsU0FBUyxNQUFNLElBQUlBLE1BQUksUUFBUSxPQUFRLENBQUMsRUFBRSx5QkFDNUM7RUFFRixPQUFPLFFBQVE7Q0FDakI7Q0FFQSxnQkFDRSxXQUNBLE1BQ0EsU0FDQSxRQUNVO0VBQ1YsSUFBSSxDQUFDLFNBQVMsT0FBTyxDQUFDLEtBQUssTUFBTTtFQUNqQyxNQUFNLFFBQVEsS0FBSyxNQUFNLFdBQVcsT0FBTztFQUMzQyxJQUFJLFVBQVUsS0FBQSxHQUFXLE9BQU8sQ0FBQyxLQUFLLFFBQVEsR0FBRyxJQUFJLE1BQWMsS0FBSyxRQUFRLENBQUMsQ0FBQyxDQUFDLEtBQUssQ0FBQyxDQUFDO0VBQzFGLFFBQVEsS0FBSyxNQUFiO0dBQ0UsS0FBSyxPQUNILE9BQU8sQ0FBQyxLQUFLLFFBQVEsS0FBSyxZQUFZLFdBQVcsT0FBTyxDQUFDO0dBQzNELEtBQUssT0FBTztJQUNWLE1BQU0sU0FBUyxTQUFTLFVBQVUsVUFBVTtJQUM1QyxJQUFJLFFBQVEsS0FBSyxRQUFRLE9BQ3ZCLEtBQUssTUFBTSxVQUFVLEtBQUssUUFBUSxpQkFBaUIsTUFBTSx3QkFBd0I7U0FDNUUsSUFBSSxTQUFTLFFBQVEsU0FBUyxLQUNuQyxLQUFLLE1BQ0gsVUFBVSxLQUNWLFFBQ0EsaUJBQWlCQSxNQUFJLE9BQU8sQ0FBQyxFQUFFLG9CQUFvQixPQUFPLHFDQUM1RDtJQUVGLE9BQU8sQ0FBQyxLQUFLLFFBQVEsU0FBUyxHQUFJO0dBQ3BDO0dBQ0EsS0FBSztHQUNMLEtBQUs7R0FDTCxLQUFLO0dBQ0wsS0FBSztHQUNMLEtBQUs7SUFDSCxJQUFJLFFBQVEsS0FBSyxRQUFRLEtBQ3ZCLEtBQUssTUFDSCxVQUFVLEtBQ1YsUUFDQSxHQUFHLEtBQUssU0FBUyxHQUFHLFdBQVcsS0FBSyxNQUFNLGtDQUFrQ0EsTUFBSSxRQUFRLE9BQVEsQ0FBQyxHQUNuRztJQUVGLE9BQU8sQ0FBQyxLQUFLLFFBQVEsUUFBUSxHQUFJO0dBQ25DO0lBQ0UsSUFBSSxRQUFRLEtBQUssUUFBUSxPQUN2QixLQUFLLE1BQU0sVUFBVSxLQUFLLFFBQVEsV0FBVyxNQUFNLHdCQUF3QjtJQUU3RSxPQUFPO0tBQUMsS0FBSztLQUFRLFFBQVE7S0FBTyxTQUFTLElBQUs7SUFBSTtFQUMxRDtDQUNGO0FBQ0Y7QUFFQSxNQUFNLGFBQTZDO0NBQ2pELEtBQUs7Q0FDTCxLQUFLO0NBQ0wsS0FBSztDQUNMLElBQUk7Q0FDSixLQUFLO0NBQ0wsS0FBSztDQUNMLEtBQUs7Q0FDTCxLQUFLO0NBQ0wsS0FBSztDQUNMLEtBQUs7Q0FDTCxLQUFLO0NBQ0wsS0FBSztDQUNMLEtBQUs7QUFDUDtBQUVBLFNBQVMsY0FBYyxPQUFpQztDQUN0RCxPQUFPLE1BQU0sS0FBSyxTQUFTLFdBQVcsS0FBSyxDQUFDLENBQUMsS0FBSyxNQUFNO0FBQzFEO0FBRUEsU0FBZ0IsWUFBWSxPQUF5QjtDQUNuRCxPQUFPLEdBQUcsTUFBTSxLQUFLLEdBQUcsTUFBTSxLQUFLLEdBQUcsTUFBTSxPQUFPLFdBQVcsTUFBTTtBQUN0RTtBQUVBLFNBQWdCLGNBQWMsU0FBeUM7Q0FDckUsTUFBTSxNQUFnQixDQUFDO0NBQ3ZCLElBQUk7Q0FDSixLQUFLLE1BQU0sUUFBUSxTQUFTO0VBQzFCLElBQUksS0FBSyxTQUFTLE1BQU07R0FDdEIsSUFBSSxTQUFTLEtBQUEsS0FBYSxRQUFRLE1BQU0sVUFBVSxNQUFNLFNBQVMsS0FBSyxJQUFJLEdBQ3hFLElBQUksS0FBSyxVQUFVLEtBQUssTUFBTTtHQUNoQyxPQUFPLEtBQUs7RUFDZDtFQUNBLE1BQU0sVUFDSixLQUFLLFVBQVUsS0FBQSxJQUNYLE9BQU8sS0FBSyxRQUFRLE1BQUEsQ0FBUSxTQUFTLEVBQUUsQ0FBQyxDQUFDLFlBQVksQ0FBQyxDQUFDLFNBQVMsR0FBRyxHQUFHLElBQ3RFLEtBQUssWUFBWSxLQUFBLElBQ2YsU0FDQSxLQUFLLFFBQVEsU0FBUyxFQUFFLENBQUMsQ0FBQyxZQUFZLENBQUMsQ0FBQyxTQUFTLEdBQUcsR0FBRztFQUMvRCxNQUFNLE9BQW1CLENBQUM7RUFDMUIsS0FBSyxJQUFJLElBQUksR0FBRyxJQUFJLEtBQUssTUFBTSxVQUFVLEtBQUssU0FBUyxHQUFHLEtBQUssR0FBRyxLQUFLLEtBQUssS0FBSyxNQUFNLE1BQU0sR0FBRyxJQUFJLENBQUMsQ0FBQztFQUN0RyxNQUFNLE9BQU8sVUFDWCxNQUNHLEtBQUssTUFBTSxFQUFFLFNBQVMsRUFBRSxDQUFDLENBQUMsWUFBWSxDQUFDLENBQUMsU0FBUyxHQUFHLEdBQUcsQ0FBQyxDQUFDLENBQ3pELEtBQUssR0FBRyxDQUFDLENBQ1QsT0FBTyxHQUFHLEdBQUc7RUFDbEIsSUFBSSxLQUFLLEdBQUcsT0FBTyxLQUFLLElBQUksQ0FBQyxDQUFDLFNBQVMsQ0FBQyxFQUFFLElBQUksUUFBUSxPQUFPLENBQUMsRUFBRSxHQUFHLElBQUksS0FBSyxNQUFNLENBQUMsQ0FBQyxFQUFFLElBQUksS0FBSyxRQUFRO0VBQ3ZHLEtBQUssTUFBTSxDQUFDLENBQUMsQ0FBQyxTQUFTLEtBQUssVUFBVTtHQUNwQyxNQUFNLGVBQWUsS0FBSyxXQUFXLEtBQUssS0FBSyxRQUFRLEdBQUEsQ0FBSSxTQUFTLEVBQUUsQ0FBQyxDQUFDLFlBQVksQ0FBQyxDQUFDLFNBQVMsR0FBRyxHQUFHO0dBQ3JHLElBQUksS0FBSyxVQUFVLFdBQVcsSUFBSSxJQUFJLEdBQUcsSUFBSSxRQUFRLENBQUM7RUFDeEQsQ0FBQztFQUNELElBQUksS0FBSyxNQUFNLFNBQVMsSUFBSSxJQUFJLEtBQUssb0JBQW9CLEtBQUssTUFBTSxPQUFPLGNBQWM7RUFDekYsSUFBSSxJQUFJLFNBQVMsTUFBTSxJQUFJLElBQUksU0FBUyxNQUFNLEdBQUEsQ0FBSSxRQUFRO0NBQzVEO0NBQ0EsT0FBTyxJQUFJLEtBQUssSUFBSSxJQUFJO0FBQzFCOztBQ3J3QkEsTUFBYSxxQkFBcUI7QUFrQmxDLElBQWEsdUJBQWIsY0FBMEMsTUFBTTtDQUM5QyxPQUF5QjtBQUMzQjs7Ozs7O0FBT0EsU0FBZ0IsbUJBQW1CLFVBQXlDO0NBQzFFLE1BQU0sU0FBUyxTQUFTLGtCQUFrQjtDQUMxQyxJQUFJLFdBQVcsS0FBQSxHQUFXLE1BQU0sSUFBSSxxQkFBcUIsZUFBZSxvQkFBb0I7Q0FDNUYsTUFBTSxXQUFXLFNBQVMsUUFBUTtFQUFFLFVBQVU7RUFBb0I7RUFBVSxTQUFTO0NBQUssQ0FBQztDQUMzRixJQUFJLENBQUMsU0FBUyxJQUNaLE1BQU0sSUFBSSxxQkFDUix1Q0FBdUMsU0FBUyxPQUFPLElBQUksV0FBVyxDQUFDLENBQUMsS0FBSyxJQUFJLEdBQ25GO0NBRUYsSUFBSSxTQUFTLFdBQUEsU0FBK0IsU0FBUyxNQUFNLFdBQUEsTUFBNkI7RUFDdEYsTUFBTSxNQUFNLFNBQVMsU0FBUyxTQUFTLE1BQU0sU0FBUztFQUN0RCxNQUFNLElBQUkscUJBQ1IscURBQXFELElBQUksU0FBUyxNQUFNLEVBQUUsSUFBSSxJQUFJLEdBQUcsR0FDdkY7Q0FDRjtDQUNBLE9BQU87RUFDTCxLQUFLLFNBQVM7RUFDZCxTQUFTLFNBQVM7RUFDbEIsU0FBUyxjQUFjLFNBQVMsT0FBTztFQUN2QztDQUNGO0FBQ0Y7QUFFQSxTQUFTLElBQUksT0FBdUI7Q0FDbEMsT0FBTyxNQUFNLFNBQVMsRUFBRSxDQUFDLENBQUMsWUFBWSxDQUFDLENBQUMsU0FBUyxHQUFHLEdBQUc7QUFDekQ7O0FDMUNBLE1BQU0sT0FBTztBQUdiLFNBQWdCLFlBQVksTUFBdUI7Q0FDakQsT0FBTyxLQUFLLEtBQUssSUFBSTtBQUN2Qjs7QUF5QkEsU0FBZ0IsZ0JBQWdCLFFBQWtDO0NBQ2hFLE9BQU8sQ0FBQyxHQUFHLE1BQU0sQ0FBQyxDQUNmLE1BQU0sR0FBRyxNQUFNLEVBQUUsVUFBVSxFQUFFLFdBQVcsRUFBRSxLQUFLLGNBQWMsRUFBRSxJQUFJLENBQUMsQ0FBQyxDQUNyRSxLQUFLLE1BQU0sUUFBUSxFQUFFLFFBQVEsU0FBUyxFQUFFLENBQUMsQ0FBQyxTQUFTLEdBQUcsR0FBRyxFQUFFLElBQUksRUFBRSxLQUFLLEdBQUcsQ0FBQyxDQUMxRSxLQUFLLEVBQUU7QUFDWjs7QUFrRkEsU0FBZ0IsYUFBYSxTQUErQztDQUMxRSxPQUFPLENBQUMsR0FBRyxPQUFPLENBQUMsQ0FDaEIsUUFDRSxDQUFDLE1BQU0sYUFDTixZQUFZLElBQUksS0FBSyxPQUFPLFVBQVUsT0FBTyxLQUFLLFdBQVcsS0FBSyxXQUFXLEtBQ2pGLENBQUMsQ0FDQSxLQUFLLENBQUMsTUFBTSxjQUFjO0VBQUU7RUFBUztDQUFLLEVBQUU7QUFDakQ7OztBQ25JQSxTQUFTLGdCQUF3QjtDQUMvQixPQUFPO0VBQ0wsTUFBTTtFQUNOLGNBQWM7R0FDWixNQUFNLFFBQVEsb0JBQW9CLFNBQVM7SUFDekMsSUFBSTtLQUNGLE9BQU8sYUFBYSxRQUFRLGdCQUFnQixJQUFJLEdBQUcsTUFBTTtJQUMzRCxRQUFRO0tBQ047SUFDRjtHQUNGLENBQUM7R0FDRCxVQUFVLFFBQVEsU0FBUyxHQUFHLEVBQUUsV0FBVyxLQUFLLENBQUM7R0FDakQsY0FBYyxRQUFRLHlCQUF5QixHQUFHLE1BQU0sR0FBRztHQUMzRCxjQUFjLFFBQVEseUJBQXlCLEdBQUcsTUFBTSxPQUFPO0dBQy9ELGNBQWMsUUFBUSw0QkFBNEIsR0FBRyxnQkFBZ0IsYUFBYSxNQUFNLE9BQU8sQ0FBQyxDQUFDO0VBQ25HO0NBQ0Y7QUFDRjs7Ozs7QUFNQSxTQUFTLGNBQXNCO0NBQzdCLE9BQU87RUFDTCxNQUFNO0VBQ04sY0FBYztHQUNaLGNBQWMsUUFBUSx1QkFBdUIsR0FBRyw0QkFBd0I7RUFDMUU7Q0FDRjtBQUNGO0FBRUEsSUFBQSwrQkFBZSxhQUFhO0NBQzFCLE1BQU07RUFDSixTQUFTLENBQUMsY0FBYyxHQUFHLFlBQVksQ0FBQztFQUN4QyxPQUFPO0dBQ0wsUUFBUTtHQUNSLGVBQWUsRUFDYixPQUFPO0lBQ0wsT0FBTyxRQUFRLHNCQUFzQjtJQUNyQyxLQUFLLFFBQVEsc0JBQXNCO0lBQ25DLEtBQUssUUFBUSxzQkFBc0I7SUFDbkMsbUJBQW1CLFFBQVEsK0NBQStDO0lBQzFFLGVBQWUsUUFBUSx3Q0FBd0M7SUFDL0QsaUJBQWlCLFFBQVEsMENBQTBDO0lBQ25FLGdCQUFnQixRQUFRLHlDQUF5QztJQUNqRSxrQkFBa0IsUUFBUSw0Q0FBNEM7SUFDdEUsZUFBZSxRQUFRLHVDQUF1QztHQUNoRSxFQUNGO0VBQ0Y7Q0FDRjtDQUNBLFNBQVMsRUFDUCxPQUFPO0VBQ0wsUUFBUTtFQUNSLGlCQUFpQjtFQUNqQixlQUFlO0dBQ2IsT0FBTyxFQUFFLFNBQVMsUUFBUSx5QkFBeUIsRUFBRTtHQUVyRCxRQUFRO0lBQUUsUUFBUTtJQUFPLGdCQUFnQjtJQUFjLGVBQWU7R0FBTTtFQUM5RTtDQUNGLEVBQ0Y7Q0FDQSxVQUFVO0VBQ1IsTUFBTTtFQUNOLFNBQVMsQ0FBQyxPQUFPLEVBQUUsWUFBWSxRQUFRLGtCQUFrQixFQUFFLENBQUMsQ0FBQztFQUM3RCxPQUFPO0dBQ0wsUUFBUTtHQUNSLGVBQWUsRUFBRSxPQUFPLFFBQVEseUJBQXlCLEVBQUU7RUFDN0Q7Q0FDRjtBQUNGLENBQUMifQ==