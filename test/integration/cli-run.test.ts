import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { build65v } from '../../src-main/core/formats/osi65v.ts';
import { assembleOrThrow, messageProgram, SLOW_SCROLL } from '../support/assemble.ts';
import { tempDir } from '../support/temp-dir.ts';

const CLI = path.resolve(import.meta.dirname, '../../src-main/cli/main.ts');

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, 'run', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

let dir: string;
let remove: () => Promise<void>;
beforeEach(async () => ({ dir, remove } = await tempDir()));
afterEach(() => remove());

describe('superboard-lab run', () => {
  it('boots the Lab Monitor and stops as soon as the screen shows the text asked for', () => {
    const result = cli('--until-text', '? = HELP', '--crop');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('SUPERBOARD LAB MONITOR');
    const cycles = Number(/run: (\d+) cycles/.exec(result.stderr)?.[1]);
    expect(cycles).toBeGreaterThan(0);
    expect(cycles).toBeLessThan(983_040);
  });

  it('types through the keyboard matrix, with \\r as RETURN', () => {
    const result = cli('--type', '.0300/A9\\r41\\r', '--until-text', '/0302');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/\/0300 A9/);
    expect(result.stdout).toMatch(/\/0301 41/);
  });

  it('loads and runs a 65V machine-code tape from the cassette port', async () => {
    const program = messageProgram('TAPE OK');
    const tape = path.join(dir, 'program.65v');
    await writeFile(tape, build65v(program.segments, { run: 0x0300 }), 'latin1');
    const result = cli('--type', 'L', '--tape', tape, '--until-text', 'TAPE OK');
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('TAPE OK');
  });

  it('presses PLAY only once the typed input has been taken, so a long --type loses no tape bytes', async () => {
    const program = messageProgram('TAPE OK');
    const tape = path.join(dir, 'program.65v');
    await writeFile(tape, build65v(program.segments, { run: 0x0300 }), 'latin1');
    const typing = '.0200/00\\r.0201/00\\r.0202/00\\r.0203/00\\rL';
    const result = cli('--type', typing, '--tape', tape, '--until-text', 'TAPE OK');
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('TAPE OK');
  });

  it('presses PLAY at --tape-at seconds of machine time', async () => {
    const program = messageProgram('TAPE OK');
    const tape = path.join(dir, 'program.65v');
    await writeFile(tape, build65v(program.segments, { run: 0x0300 }), 'latin1');
    const result = cli('--type', 'L', '--tape', tape, '--tape-at', '3', '--until-text', 'TAPE OK');
    expect(result.status, result.stderr).toBe(0);
    // 3 s, then 1 s of leader, then the bytes at 300 baud.
    const cycles = Number(/run: (\d+) cycles/.exec(result.stderr)?.[1]);
    expect(cycles).toBeGreaterThan(4 * 983_040);
    expect(cli('--tape-at', '3').stderr).toMatch(/--tape-at needs --tape/);
  });

  it('stops on a settled screen, not in the middle of a scroll copy', async () => {
    // Fills the visible rows with distinct lines, writes DONE on the last one, then scrolls the window
    // up one row slowly, so frame ends fall inside the copy.
    const program = assembleOrThrow(`
      .org $0300
        ldx #3
      fill:
        txa
        ora #$40
        ldy #0
        jsr rowaddr
      cells:
        sta ($F0),y
        iny
        cpy #24
        bne cells
        inx
        cpx #27
        bne fill
        ldx #27
        jsr rowaddr
        ldy #3
      done:
        lda text,y
        sta ($F0),y
        dey
        bpl done
        jsr scrollup
        jsr rowaddr
        lda #' '
        ldy #23
      blank:
        sta ($F0),y
        dey
        bpl blank
      here:
        jmp here
      ${SLOW_SCROLL}
      text:
        .text "DONE"
    `);
    const tape = path.join(dir, 'scroll.65v');
    await writeFile(tape, build65v(program.segments, { run: 0x0300 }), 'latin1');
    const result = cli('--type', 'L', '--tape', tape, '--fast-tape', '--until-text', 'DONE', '--crop');
    expect(result.status, result.stderr).toBe(0);
    const lines = result.stdout.split('\n').filter((line) => line.trim() !== '');
    expect(lines.at(-1)).toBe('DONE');
    expect(new Set(lines).size).toBe(lines.length);
  });

  it('exits 1 and says so when the text never shows', () => {
    const result = cli('--until-text', 'NEVER THERE', '--cycles', '200000');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/did not show 'NEVER THERE' within/);
  });

  it('refuses a ROM folder with a wrong-size BASIC set', async () => {
    await writeFile(path.join(dir, 'basic1.rom'), new Uint8Array(2048));
    await writeFile(path.join(dir, 'basic2.rom'), new Uint8Array(2048));
    const result = cli('--rom-dir', dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/needs all four.*has 2: basic1\.rom, basic2\.rom/);
  });

  it('says what is wrong with a damaged recording given as a tape', async () => {
    const tape = path.join(dir, 'broken.wav');
    await writeFile(tape, Buffer.from('RIFF\x10\x00\x00\x00WAVEjunkjunk', 'latin1'));
    const result = cli('--tape', tape);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/run: broken\.wav: no data chunk/);
  });

  it('runs a bare 6502 program until its PC gets stuck', async () => {
    const program = assembleOrThrow(`
      .org $0400
        lda #0
        ldx #10
      count:
        clc
        adc #3
        dex
        bne count
        cmp #30
        bne fail
      pass:
        jmp pass
      fail:
        jmp fail
    `);
    const file = path.join(dir, 'p.bin');
    await writeFile(file, program.image);
    const passAt = program.symbols.get('pass')!;
    const result = spawnSync(
      process.execPath,
      [CLI, 'run', '--machine', 'bare', '--load', `${file}@0400`, '--pc', '0400', '--until-pc-stuck'],
      { encoding: 'utf8' },
    );
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      new RegExp(`PC \\$${passAt.toString(16).toUpperCase().padStart(4, '0')} after \\d+ cycles`),
    );
  });
});
