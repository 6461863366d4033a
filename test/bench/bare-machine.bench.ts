/**
 * The bare machine as a whole process, as a user meets it: `superboard-lab run --machine bare --load
 * F@0000 --pc 0400 --until-pc-stuck` (the built CLI: start-up, reading the 64K image, running, printing),
 * on a functional test program of our own that runs ~94 million cycles and ends in a stuck PC.
 *
 * The anchor the issue names, whscullin/cpu6502, is not on the npm registry here, so none can be run.
 * The best available anchor is sim65 from Debian's cc65 package (a 6502 simulator in C), run on the same
 * program as a whole process with its own ending (a jump to its exit address instead of the trap); it is
 * skipped with a message when absent (`apt-get install cc65`). Runs alternate, medians are reported.
 * Run: node test/bench/bare-machine.bench.ts [rounds, default 5]
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { assemble, formatError } from '../../src-main/core/cpu/assembler/assembler.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(ROOT, 'bin/superboard-lab.js');
const SIM65 = '/usr/bin/sim65';
const PASSES = 4;
const rounds = Number(process.argv[2] ?? 5);

/** The checksum the program must reach: every binary ADC and SBC result and its N, V, Z, C, folded. */
function expectedSum(): number {
  let sum = 0;
  const fold = (value: number): void => {
    sum = (((sum << 1) | (sum >> 15)) & 0xffff) ^ value;
  };
  for (let a = 0; a < 256; a++) {
    for (let m = 0; m < 256; m++) {
      for (const [operand, carry] of [
        [m, 0],
        [m, 1],
        [m ^ 0xff, 0],
        [m ^ 0xff, 1],
      ] as const) {
        const total = a + operand + carry;
        const result = total & 0xff;
        const overflow = (~(a ^ operand) & (a ^ result) & 0x80) !== 0;
        fold(result);
        fold((result & 0x80) | (overflow ? 0x40 : 0) | (result === 0 ? 0x02 : 0) | (total > 0xff ? 1 : 0));
      }
    }
  }
  return sum;
}

function program(ending: 'trap' | 'sim65', expected: number): Uint8Array {
  const exit = (code: number): string => (ending === 'trap' ? '' : ` lda #${code}\n jmp $FFF9\n`);
  const source = `
sum     = $F0
a_val   = $F2
m_val   = $F3
passes  = $F4
        .org $0400
start:  ldx #$FF
        txs
        cld
        lda #${PASSES}
        sta passes
again:  lda #0
        sta sum
        sta sum + 1
        sta a_val
outer:  lda #0
        sta m_val
inner:  clc
        jsr adcop
        sec
        jsr adcop
        clc
        jsr sbcop
        sec
        jsr sbcop
        inc m_val
        bne inner
        inc a_val
        bne outer
        lda sum
        cmp #${expected & 0xff}
        bne fail
        lda sum + 1
        cmp #${expected >> 8}
        bne fail
        dec passes
        bne again
pass:
${exit(0)}        jmp pass
fail:
${exit(1)}        jmp fail
adcop:  lda a_val
        adc m_val
        jmp record
sbcop:  lda a_val
        sbc m_val
record: php
        jsr fold
        pla
        and #$C3
fold:   asl sum
        rol sum + 1
        bcc @keep
        inc sum
@keep:  eor sum
        sta sum
        rts
`;
  const result = assemble(source);
  if (!result.ok) throw new Error(result.errors.map(formatError).join('\n'));
  return result.image;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function timed(command: string, args: string[]): { seconds: number; stdout: string; status: number | null } {
  const start = performance.now();
  const result = spawnSync(command, args, { encoding: 'utf8' });
  const seconds = (performance.now() - start) / 1000;
  if (result.error) throw result.error;
  return { seconds, stdout: result.stdout + result.stderr, status: result.status };
}

if (!existsSync(path.join(ROOT, 'out/main/cli.js'))) {
  console.error('bare-machine bench: build first (npm run build)');
  process.exit(1);
}
const dir = await mkdtemp(path.join(tmpdir(), 'bare-bench-'));
try {
  const expected = expectedSum();
  const trapCode = program('trap', expected);
  const image = new Uint8Array(0x10000);
  image.set(trapCode, 0x0400);
  const ours = path.join(dir, 'functional.bin');
  await writeFile(ours, image);
  const simCode = program('sim65', expected);
  const header = Uint8Array.from([0x73, 0x69, 0x6d, 0x36, 0x35, 2, 0, 0xe0, 0x00, 0x04, 0x00, 0x04]);
  const theirs = path.join(dir, 'functional.sim65');
  await writeFile(theirs, Buffer.concat([header, simCode]));
  const haveSim65 = existsSync(SIM65);
  if (!haveSim65) console.log('sim65 not found (apt-get install cc65): running without the anchor');

  const ourTimes: number[] = [];
  const simTimes: number[] = [];
  let cycles = 0;
  for (let round = 0; round < rounds; round++) {
    const run = timed(process.execPath, [
      CLI,
      'run',
      '--machine',
      'bare',
      '--load',
      `${ours}@0000`,
      '--pc',
      '0400',
      '--until-pc-stuck',
    ]);
    const match = /PC \$([0-9A-F]{4}) after (\d+) cycles/.exec(run.stdout);
    if (run.status !== 0 || !match) throw new Error(`superboard-lab failed: ${run.stdout}`);
    cycles = Number(match[2]);
    ourTimes.push(run.seconds);
    if (haveSim65) {
      const sim = timed(SIM65, [theirs]);
      if (sim.status !== 0) throw new Error(`sim65 did not pass the program (exit ${sim.status})`);
      simTimes.push(sim.seconds);
    }
  }
  const hz = (seconds: number): string => `${(cycles / seconds / 1e6).toFixed(1)} MHz`;
  const ourMedian = median(ourTimes);
  console.log(`program: ${(cycles / 1e6).toFixed(1)} million cycles, ${rounds} rounds alternating, medians`);
  console.log(
    `superboard-lab run --machine bare (whole process): ${ourMedian.toFixed(3)} s, ${hz(ourMedian)}, ` +
      `${(cycles / ourMedian / 983_040).toFixed(0)}x the Superboard`,
  );
  if (haveSim65) {
    const simMedian = median(simTimes);
    console.log(
      `sim65 (cc65, C; whole process):                  ${simMedian.toFixed(3)} s, ${hz(simMedian)}`,
    );
    console.log(`superboard-lab / sim65 speed: ${(simMedian / ourMedian).toFixed(2)}x`);
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
