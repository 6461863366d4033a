import { mkdtempSync, readFileSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { asmCommand } from '../../../src-main/cli/asm.ts';

describe('asm command', () => {
  let dir = '';
  let stderr = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'asm-cli-'));
    stderr = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      stderr += String(chunk);
      return true;
    });
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the binary, listing, symbols and a 65V tape with auto-run', async () => {
    writeFileSync(join(dir, 'inc.asm'), 'CH = $41\n');
    writeFileSync(join(dir, 'prog.asm'), ' .include "inc.asm"\n .org $0300\nstart: lda #CH\n rts\n');
    const code = await asmCommand([
      join(dir, 'prog.asm'),
      '--listing',
      join(dir, 'prog.lst'),
      '--symbols',
      join(dir, 'prog.sym'),
      '--65v',
      join(dir, 'prog.65v'),
      '--run',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect([...readFileSync(join(dir, 'prog.bin'))]).toEqual([0xa9, 0x41, 0x60]);
    expect(readFileSync(join(dir, 'prog.lst'), 'utf8')).toContain('0300  A9 41');
    expect(readFileSync(join(dir, 'prog.sym'), 'utf8')).toContain('start');
    expect(readFileSync(join(dir, 'prog.65v'), 'latin1')).toBe('.0300/A9\r41\r60\r.0300G');
  });

  it('prints every error to stderr, writes nothing and returns 1', async () => {
    writeFileSync(join(dir, 'bad.asm'), ' lda #1000\n jmp nowhere\n');
    const out = join(dir, 'bad.bin');
    expect(await asmCommand([join(dir, 'bad.asm'), '-o', out])).toBe(1);
    expect(stderr).toContain('bad.asm:1:7: error: value 1000');
    expect(stderr).toContain("bad.asm:2:6: error: undefined symbol 'nowhere'");
    expect(existsSync(out)).toBe(false);
  });

  it('prints usage for --help and returns 0', async () => {
    let stdout = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      stdout += String(chunk);
      return true;
    });
    expect(await asmCommand(['--help'])).toBe(0);
    expect(stdout).toContain('usage: superboard-lab asm SOURCE');
  });

  it('returns 2 with usage on bad arguments and 1 on a missing file', async () => {
    expect(await asmCommand([])).toBe(2);
    expect(stderr).toContain('usage:');
    expect(await asmCommand(['x.asm', '--run'])).toBe(2);
    expect(await asmCommand([join(dir, 'missing.asm')])).toBe(1);
    expect(stderr).toContain('cannot read');
  });
});
