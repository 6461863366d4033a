/**
 * The machine state file: JSON with a format tag and version, byte arrays as base64 (see
 * docs/machine-state.md). This module only converts between text and plain objects; Superboard.loadState
 * checks the contents.
 */
export const MACHINE_STATE_FORMAT = 'superboard-lab/machine-state';
export const MACHINE_STATE_VERSION = 1;

export class MachineStateError extends Error {
  override readonly name = 'MachineStateError';
}

const BYTES_KEY = '$base64';
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

export function bytesToBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i] ?? 0;
    const b1 = bytes[i + 1];
    const b2 = bytes[i + 2];
    const n = (b0 << 16) | ((b1 ?? 0) << 8) | (b2 ?? 0);
    out += ALPHABET[(n >> 18) & 63];
    out += ALPHABET[(n >> 12) & 63];
    out += b1 === undefined ? '=' : ALPHABET[(n >> 6) & 63];
    out += b2 === undefined ? '=' : ALPHABET[n & 63];
  }
  return out;
}

export function base64ToBytes(text: string): Uint8Array {
  if (text.length % 4 !== 0)
    throw new MachineStateError(`base64 data has length ${text.length}, not a multiple of 4`);
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const code = text.charCodeAt(i + j);
      const isPad = code === 0x3d && i + j >= text.length - padding;
      const value = isPad ? 0 : (DECODE[code] ?? -1);
      if (value < 0) throw new MachineStateError(`base64 data has a bad character at offset ${i + j}`);
      n = (n << 6) | value;
    }
    if (o < out.length) out[o++] = (n >> 16) & 0xff;
    if (o < out.length) out[o++] = (n >> 8) & 0xff;
    if (o < out.length) out[o++] = n & 0xff;
  }
  return out;
}

/** Machine state object to file text. Uint8Arrays become {"$base64": "..."}. */
export function encodeMachineState(state: object): string {
  return JSON.stringify(
    state,
    (_key, value: unknown) => (value instanceof Uint8Array ? { [BYTES_KEY]: bytesToBase64(value) } : value),
    1,
  );
}

/**
 * File text to a plain object (with Uint8Arrays restored), checking the format tag and version.
 * Throws MachineStateError saying what is wrong.
 */
export function decodeMachineState(text: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text, (_key, value: unknown) => {
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        const fields = value as Record<string, unknown>;
        const data = fields[BYTES_KEY];
        if (typeof data === 'string' && Object.keys(fields).length === 1) return base64ToBytes(data);
      }
      return value;
    });
  } catch (error) {
    if (error instanceof MachineStateError) throw error;
    throw new MachineStateError(`not a machine state file: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new MachineStateError('not a machine state file: expected a JSON object');
  }
  const record = parsed as Record<string, unknown>;
  checkHeader(record);
  return record;
}

export function checkHeader(record: Record<string, unknown>): void {
  if (record.format !== MACHINE_STATE_FORMAT) {
    throw new MachineStateError(
      `not a machine state file: format is ${JSON.stringify(record.format)}, expected "${MACHINE_STATE_FORMAT}"`,
    );
  }
  if (record.version !== MACHINE_STATE_VERSION) {
    throw new MachineStateError(
      `machine state version ${JSON.stringify(record.version)} is not supported (this build reads version ${MACHINE_STATE_VERSION})`,
    );
  }
}
