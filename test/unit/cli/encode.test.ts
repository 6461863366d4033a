import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWav } from '../../../src-main/core/formats/wav.ts';
import { decodeCuts } from '../../../src-main/core/modem/cuts-decoder.ts';
import { bytesOf, decodeKcs } from '../../../src-main/core/modem/kcs-decoder.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { REPO } from '../../support/web-host-process.ts';

const CLI = path.join(REPO, 'src-main/cli/main.ts');

function cli(...args: string[]): { code: number | null; stderr: string } {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd: REPO, timeout: 60_000 });
  return { code: run.status, stderr: run.stderr.toString() };
}

function decodeFile(file: string): { bytes: Uint8Array; rate: number } {
  const wav = readWav(new Uint8Array(readFileSync(file)));
  return {
    bytes: bytesOf(decodeKcs(wav.channels[0]!, { sampleRate: wav.format.sampleRate })),
    rate: wav.format.sampleRate,
  };
}

describe('superboard-lab encode', () => {
  let dir: string;
  let remove: () => Promise<void>;
  beforeAll(async () => ({ dir, remove } = await tempDir()));
  afterAll(() => remove());

  it('records a file byte for byte at the rate asked for', () => {
    writeFileSync(path.join(dir, 'data.bin'), Uint8Array.from([0, 1, 0x7f, 0x80, 0xff, 0x55]));
    const run = cli('encode', path.join(dir, 'data.bin'), path.join(dir, 'data.wav'), '--rate', '22050');
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/encode: 6 bytes -> .*data\.wav \(10\.2 s at 22050 Hz\)/);
    const { bytes, rate } = decodeFile(path.join(dir, 'data.wav'));
    expect(rate).toBe(22050);
    expect([...bytes]).toEqual([0, 1, 0x7f, 0x80, 0xff, 0x55]);
  });

  it('records BASIC text with CR and ten NULs per line', () => {
    writeFileSync(path.join(dir, 'prog.bas'), '10 PRINT 1\n20 END\n');
    expect(cli('encode', path.join(dir, 'prog.bas'), path.join(dir, 'prog.wav'), '--basic').code).toBe(0);
    const { bytes } = decodeFile(path.join(dir, 'prog.wav'));
    const line = (text: string): number[] => [
      ...new TextEncoder().encode(text),
      0x0d,
      ...new Array(10).fill(0),
    ];
    expect([...bytes]).toEqual([...line('10 PRINT 1'), ...line('20 END')]);
  });

  it('records machine code as 65V keystrokes with auto-run', () => {
    writeFileSync(path.join(dir, 'code.bin'), Uint8Array.from([0xa9, 0x41, 0x60]));
    const run = cli(
      'encode',
      path.join(dir, 'code.bin'),
      path.join(dir, 'code.wav'),
      '--65v',
      '--addr',
      '0300',
      '--run',
    );
    expect(run.code).toBe(0);
    const { bytes } = decodeFile(path.join(dir, 'code.wav'));
    expect(new TextDecoder().decode(bytes)).toBe('.0300/A9\r41\r60\r.0300G');
  });

  it('records 1200-baud CUTS with --baud 1200', () => {
    const sent = Uint8Array.from([0, 1, 0x7f, 0x80, 0xff, 0x55, 0x0d]);
    writeFileSync(path.join(dir, 'cuts.bin'), sent);
    const run = cli('encode', path.join(dir, 'cuts.bin'), path.join(dir, 'cuts.wav'), '--baud', '1200');
    expect(run.code).toBe(0);
    // 5 s of leader and trailer each, and 7 frames of 11 cells at 1200 baud.
    expect(run.stderr).toMatch(/encode: 7 bytes -> .*cuts\.wav \(10\.1 s at 44100 Hz\)/);
    const wav = readWav(new Uint8Array(readFileSync(path.join(dir, 'cuts.wav'))));
    expect(bytesOf(decodeCuts(wav.channels[0]!, { sampleRate: 44100 }))).toEqual(sent);
    // A KCS decoder finds nothing in it.
    expect(bytesOf(decodeKcs(wav.channels[0]!, { sampleRate: 44100 })).length).toBeLessThan(2);
    expect(
      cli('encode', path.join(dir, 'cuts.bin'), path.join(dir, 'x.wav'), '--baud', '2400').stderr,
    ).toContain("--baud needs 300, 600 or 1200, not '2400'");
  });

  it('refuses option combinations that make no sense', () => {
    const a = path.join(dir, 'code.bin');
    const b = path.join(dir, 'x.wav');
    expect(cli('encode', a, b, '--65v').stderr).toContain('--65v needs --addr HEX');
    expect(cli('encode', a, b, '--basic', '--65v', '--addr', '200').stderr).toContain('exclude each other');
    expect(cli('encode', a, b, '--addr', 'zz').stderr).toContain(
      "--addr needs a hex address like 0200, not 'zz'",
    );
    expect(cli('encode', a, b, '--rate', '5').stderr).toContain('from 8000 to 96000 Hz');
    expect(cli('encode', a).code).toBe(2);
    expect(cli('encode', '--help').code).toBe(0);
    const missing = cli('encode', path.join(dir, 'nope.bin'), b);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("cannot read '");
    writeFileSync(path.join(dir, 'big.bin'), new Uint8Array(300));
    expect(cli('encode', path.join(dir, 'big.bin'), b, '--65v', '--addr', 'FFF0').stderr).toContain(
      'runs past $FFFF',
    );
  });
});
