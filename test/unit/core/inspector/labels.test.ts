import { describe, expect, it } from 'vitest';
import { parseAddressInput } from '../../../../src-main/core/inspector/address.ts';
import {
  LabelTable,
  builtinLabels,
  formatLabelFile,
  parseLabelFile,
  symbolLabels,
} from '../../../../src-main/core/inspector/labels.ts';

describe('VICE label files', () => {
  it('round-trips: format then parse gives the same labels, parse then format the same text', () => {
    const labels = [
      { address: 0x0000, name: 'basic_warm_start' },
      { address: 0x0203, name: 'load_flag' },
      { address: 0xff00, name: 'Reset' },
      { address: 0xff00, name: 'reset_alias' },
    ];
    const text = formatLabelFile(labels);
    expect(text).toBe(
      'al C:0000 .basic_warm_start\nal C:0203 .load_flag\nal C:ff00 .Reset\nal C:ff00 .reset_alias\n',
    );
    expect(parseLabelFile(text)).toEqual({ labels, errors: [] });
    expect(formatLabelFile(parseLabelFile(text).labels)).toBe(text);
  });

  it('reads VICE variants and reports bad lines with their numbers, keeping the good ones', () => {
    const result = parseLabelFile(
      '; mine\r\nal C:A000 .basic\n\nal fe00 .mon\nal C:zz00 .bad\nal C:1000 .9bad\n',
    );
    expect(result.labels).toEqual([
      { address: 0xa000, name: 'basic' },
      { address: 0xfe00, name: 'mon' },
    ]);
    expect(result.errors).toEqual([
      'line 5: expected "al C:xxxx .name", got "al C:zz00 .bad"',
      'line 6: "9bad" is not a label name (letters, digits, _)',
    ]);
  });

  it('looks labels up both ways, the first label of an address naming it', () => {
    const table = new LabelTable(builtinLabels('syn600', true), [{ address: 0x0300, name: 'start' }]);
    expect(table.nameAt(0xf001)).toBe('acia_data');
    expect(table.addressOf('MONITOR_65V')).toBe(0xfe00);
    expect(table.addressOf('start')).toBe(0x300);
    expect(table.addressOf('txttab')).toBe(0x79);
    expect(new LabelTable(builtinLabels('lab', false)).addressOf('monitor_65v')).toBeUndefined();
    expect(
      symbolLabels(
        new Map([
          ['get_key', 0xfd00],
          ['@local', 3],
        ]),
      ),
    ).toEqual([{ address: 0xfd00, name: 'get_key' }]);
  });
});

describe('typed addresses', () => {
  const labels = new LabelTable([
    { address: 0xd000, name: 'video_ram' },
    { address: 0x0300, name: 'add' },
  ]);

  it('reads hex, decimal with #, labels and label offsets', () => {
    expect(parseAddressInput('$D000')).toEqual({ ok: true, address: 0xd000 });
    expect(parseAddressInput('d000')).toEqual({ ok: true, address: 0xd000 });
    expect(parseAddressInput('0x1F')).toEqual({ ok: true, address: 0x1f });
    expect(parseAddressInput('#53248')).toEqual({ ok: true, address: 0xd000 });
    expect(parseAddressInput('video_ram', labels)).toEqual({ ok: true, address: 0xd000 });
    expect(parseAddressInput('.video_ram+$20', labels)).toEqual({ ok: true, address: 0xd020 });
    expect(parseAddressInput('video_ram - #1', labels)).toEqual({ ok: true, address: 0xcfff });
    expect(parseAddressInput('add', labels)).toEqual({ ok: true, address: 0x300 });
  });

  it('explains what is wrong with a bad address', () => {
    expect(parseAddressInput('')).toEqual({ ok: false, error: expect.stringMatching(/^No address given/) });
    expect(parseAddressInput('#70000')).toEqual({
      ok: false,
      error: expect.stringMatching(/outside the 64K/),
    });
    expect(parseAddressInput('$12345')).toEqual({
      ok: false,
      error: expect.stringMatching(/outside the 64K/),
    });
    expect(parseAddressInput('nowhere', labels)).toEqual({
      ok: false,
      error: expect.stringMatching(/^No label named "nowhere"/),
    });
    expect(parseAddressInput('12 34')).toEqual({
      ok: false,
      error: expect.stringMatching(/^Not an address/),
    });
  });
});
