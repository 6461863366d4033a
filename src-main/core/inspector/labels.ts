/**
 * Labels for addresses: the Superboard's known entry points (from the shared facts), our Lab Monitor's
 * symbols and the user's own, read and written as VICE monitor label files (`al C:a000 .basic_rom`).
 */

export interface Label {
  readonly address: number;
  readonly name: string;
}

export interface LabelFileResult {
  readonly labels: Label[];
  /** One message per line that is not a label, with its line number. */
  readonly errors: string[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const LINE = /^al\s+(?:C:)?([0-9A-Fa-f]{1,4})\s+\.(\S+)$/;

export function isLabelName(name: string): boolean {
  return NAME.test(name);
}

/** Reads a VICE label file. Blank lines and `;` or `#` comments are skipped; anything else must be `al`. */
export function parseLabelFile(text: string): LabelFileResult {
  const labels: Label[] = [];
  const errors: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith(';') || line.startsWith('#')) return;
    const match = LINE.exec(line);
    if (!match) {
      errors.push(`line ${index + 1}: expected "al C:xxxx .name", got ${JSON.stringify(line.slice(0, 40))}`);
      return;
    }
    const name = match[2] as string;
    if (!isLabelName(name)) {
      errors.push(`line ${index + 1}: ${JSON.stringify(name)} is not a label name (letters, digits, _)`);
      return;
    }
    labels.push({ address: parseInt(match[1] as string, 16), name });
  });
  return { labels, errors };
}

/** Writes labels as a VICE label file, by address then name, one `al C:xxxx .name` a line. */
export function formatLabelFile(labels: readonly Label[]): string {
  return [...labels]
    .sort((a, b) => a.address - b.address || a.name.localeCompare(b.name))
    .map((l) => `al C:${l.address.toString(16).padStart(4, '0')} .${l.name}\n`)
    .join('');
}

/** Looks labels up both ways. Later sources win a name; an address shows the first label given for it. */
export class LabelTable {
  readonly #byName = new Map<string, number>();
  readonly #byAddress = new Map<number, string>();

  constructor(...sources: readonly (readonly Label[])[]) {
    for (const labels of sources) for (const l of labels) this.add(l);
  }

  add(label: Label): void {
    const address = label.address & 0xffff;
    this.#byName.set(label.name.toLowerCase(), address);
    if (!this.#byAddress.has(address)) this.#byAddress.set(address, label.name);
  }

  nameAt(address: number): string | undefined {
    return this.#byAddress.get(address & 0xffff);
  }

  addressOf(name: string): number | undefined {
    return this.#byName.get(name.toLowerCase());
  }

  get size(): number {
    return this.#byName.size;
  }
}

/** Which monitor ROM runs, for the entry points that only it has. */
export type MonitorKind = 'syn600' | 'lab' | 'other';

/** Entry points and RAM the board, any 65V-compatible monitor and OSI BASIC share (superboard-facts.md). */
export function builtinLabels(monitor: MonitorKind, basic: boolean): Label[] {
  const labels: Label[] = [
    { address: 0x0130, name: 'nmi_handler' },
    { address: 0x01c0, name: 'irq_handler' },
    { address: 0x0203, name: 'load_flag' },
    { address: 0x0205, name: 'save_flag' },
    { address: 0x0218, name: 'input_vector' },
    { address: 0x021a, name: 'output_vector' },
    { address: 0x021c, name: 'ctrl_c_vector' },
    { address: 0x021e, name: 'load_vector' },
    { address: 0x0220, name: 'save_vector' },
    { address: 0xd000, name: 'video_ram' },
    { address: 0xdf00, name: 'keyboard' },
    { address: 0xf000, name: 'acia_status' },
    { address: 0xf001, name: 'acia_data' },
    { address: 0xff00, name: 'reset' },
    { address: 0xffe0, name: 'cursor_start' },
    { address: 0xffe1, name: 'line_width' },
    { address: 0xffe2, name: 'video_size' },
    { address: 0xffeb, name: 'input' },
    { address: 0xffee, name: 'output' },
    { address: 0xfff1, name: 'ctrl_c_check' },
    { address: 0xfff4, name: 'load' },
    { address: 0xfff7, name: 'save' },
    { address: 0xfffa, name: 'nmi_vec' },
    { address: 0xfffc, name: 'reset_vec' },
    { address: 0xfffe, name: 'irq_vec' },
  ];
  if (monitor === 'syn600') {
    labels.push({ address: 0xfe00, name: 'monitor_65v' }, { address: 0xfc00, name: 'disk_boot' });
  }
  if (basic) {
    labels.push(
      { address: 0x0000, name: 'basic_warm_start' },
      { address: 0x0079, name: 'TXTTAB' },
      { address: 0x007b, name: 'VARTAB' },
      { address: 0x007d, name: 'ARYTAB' },
      { address: 0x007f, name: 'STREND' },
      { address: 0x0081, name: 'FRETOP' },
      { address: 0x0085, name: 'MEMSIZ' },
      { address: 0xa000, name: 'basic_rom' },
      { address: 0xbd11, name: 'basic_cold_start' },
    );
  }
  return labels;
}

/** A symbol table (e.g. the Lab Monitor's) as labels, keeping only names a label file can hold. */
export function symbolLabels(symbols: ReadonlyMap<string, number>): Label[] {
  return [...symbols]
    .filter(
      ([name, address]) =>
        isLabelName(name) && Number.isInteger(address) && address >= 0 && address <= 0xffff,
    )
    .map(([name, address]) => ({ address, name }));
}
