/**
 * The contract every chip on the board follows. `addr` is the full 16-bit CPU address; the device decodes the
 * bits it cares about (partial decoding mirrors registers across its pages, as on the board).
 */
export interface Device<State = unknown> {
  read(addr: number): number;
  write(addr: number, value: number): void;
  /** What `read` would return, without any side effect (for inspectors and disassemblers). */
  peek(addr: number): number;
  reset(): void;
  saveState(): State;
  /** Validates `state` completely before changing anything; throws StateError on bad input. */
  loadState(state: unknown): void;
}

export class StateError extends Error {
  override readonly name = 'StateError';
}

type Fields = Record<string, unknown>;

export function expectRecord(value: unknown, where: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Uint8Array) {
    throw new StateError(`${where}: expected an object`);
  }
  return value as Fields;
}

export function expectInt(fields: Fields, key: string, where: string, min: number, max: number): number {
  const value = fields[key];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new StateError(
      `${where}.${key}: expected an integer from ${min} to ${max}, got ${describe(value)}`,
    );
  }
  return value;
}

export function expectNumber(fields: Fields, key: string, where: string): number {
  const value = fields[key];
  if (typeof value !== 'number' || Number.isNaN(value)) {
    throw new StateError(`${where}.${key}: expected a number, got ${describe(value)}`);
  }
  return value;
}

export function expectBool(fields: Fields, key: string, where: string): boolean {
  const value = fields[key];
  if (typeof value !== 'boolean')
    throw new StateError(`${where}.${key}: expected true or false, got ${describe(value)}`);
  return value;
}

export function expectBytes(fields: Fields, key: string, where: string, length?: number): Uint8Array {
  const value = fields[key];
  if (!(value instanceof Uint8Array))
    throw new StateError(`${where}.${key}: expected bytes, got ${describe(value)}`);
  if (length !== undefined && value.length !== length) {
    throw new StateError(`${where}.${key}: expected ${length} bytes, got ${value.length}`);
  }
  return value;
}

export function expectArray(fields: Fields, key: string, where: string): unknown[] {
  const value = fields[key];
  if (!Array.isArray(value)) throw new StateError(`${where}.${key}: expected a list, got ${describe(value)}`);
  return value;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value instanceof Uint8Array) return `${value.length} bytes`;
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 20 ? `${value.slice(0, 20)}...` : value);
  return typeof value === 'object' ? 'an object' : String(value);
}
