import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { build65v } from '../../src-main/core/formats/osi65v.ts';
import { encodeWav } from '../../src-main/core/formats/wav.ts';
import { loadMonitorRom } from '../../src-main/core/machine/rom-set.ts';
import { Superboard } from '../../src-main/core/machine/superboard.ts';
import { decodeKcs, type KcsByteEvent } from '../../src-main/core/modem/kcs-decoder.ts';
import { concatSamples, encodeKcs } from '../../src-main/core/modem/kcs-encoder.ts';
import { KcsTapeRecorder } from '../../src-main/core/modem/kcs-tape.ts';
import { impair } from '../../src-main/core/modem/impairments.ts';
import { labMonitor } from '../support/emulator.ts';
import { assembleOrThrow, messageProgram } from '../support/assemble.ts';
import { tempDir } from '../support/temp-dir.ts';

const CLI = path.resolve(import.meta.dirname, '../../src-main/cli/main.ts');
const RATE = 44_100;

let dir: string;
let remove: () => Promise<void>;
beforeEach(async () => ({ dir, remove } = await tempDir()));
afterEach(() => remove());

describe('cassette audio into and out of the emulated machine', () => {
  it('loads a 65V program into the Lab Monitor from an impaired recording made by our encoder', async () => {
    const code = messageProgram('LOADED FROM AUDIO');
    const text = build65v(code.segments, { run: 0x0300 });
    const clean = encodeKcs(new Uint8Array(Buffer.from(text, 'latin1')), {
      sampleRate: RATE,
      leaderSeconds: 2,
      trailerSeconds: 1,
    });
    const tape = impair(clean, RATE, {
      seed: 7,
      snrDb: 6,
      speed: { speed: 1.04, wow: 0.01, wowHz: 0.5 },
      hum: { hz: 50, amplitude: 0.1 },
      invert: true,
      dcOffset: 0.05,
    });
    const file = path.join(dir, 'program.wav');
    await writeFile(file, encodeWav([tape], { sampleRate: RATE, channels: 1, encoding: 'pcm16' }));
    const result = spawnSync(
      process.execPath,
      [CLI, 'run', '--type', 'L', '--tape', file, '--until-text', 'LOADED FROM AUDIO'],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(new RegExp(`${text.length} bytes decoded`));
    expect(result.stdout).toContain('LOADED FROM AUDIO');
  });

  it('records what the ACIA sends as KCS audio that decodes back, gaps kept', async () => {
    const code = assembleOrThrow(`
      .org $0300
        lda #$03
        sta $F000
        lda #$11
        sta $F000
        ldx #0
      send:
        lda $F000
        and #$02
        beq send
        lda msg,x
        beq pause
        sta $F001
        inx
        bne send
      pause:
        ldy #0
        ldx #0
      wait:
        dex
        bne wait
        dey
        bne wait
      last:
        lda $F000
        and #$02
        beq last
        lda #'!'
        sta $F001
      done:
        jmp done
      msg:
        .text "HELLO"
        .byte 0
    `);
    const machine = new Superboard({ roms: { monitor: loadMonitorRom(await labMonitor()) }, seed: 3 });
    machine.load(0x0300, code.image);
    machine.cpu.pc = 0x0300;
    const chunks: Float32Array[] = [];
    const recorder = new KcsTapeRecorder({
      sampleRate: RATE,
      cpuHz: machine.cpuHz,
      onSamples: (s) => chunks.push(s),
    });
    machine.cassette.sink = recorder;
    machine.run(machine.cpuHz * 2);
    recorder.finish(1);
    expect(recorder.frames).toBe(6);
    const decoded = decodeKcs(concatSamples(chunks), { sampleRate: RATE }).filter(
      (e): e is KcsByteEvent => e.type === 'byte',
    );
    expect(String.fromCharCode(...decoded.map((b) => b.value))).toBe('HELLO!');
    expect(decoded.every((b) => !b.framingError)).toBe(true);
    // Back-to-back frames stay back to back (11 bit cells apart)...
    const cell = RATE / 300;
    expect((decoded[1]!.start - decoded[0]!.start) / cell).toBeCloseTo(11, 0);
    // ...and the delay loop's pause (256 * 256 * ~5 cycles, about 0.33 s) is kept on the tape.
    const gapSeconds = (decoded[5]!.start - decoded[4]!.end) / RATE;
    expect(gapSeconds).toBeGreaterThan(0.25);
    expect(gapSeconds).toBeLessThan(0.45);
  });
});
