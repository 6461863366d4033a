import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build65v } from '../../../../src-main/core/formats/osi65v.ts';
import { parseJobLine, validateJob, type Job, type JobResult } from '../../../../src-main/core/jobs/job.ts';
import {
  buildRomCatalog,
  chooseJobRoms,
  EMPTY_CATALOG,
  type RomCatalog,
} from '../../../../src-main/core/jobs/job-roms.ts';
import { runJob } from '../../../../src-main/core/jobs/run-job.ts';
import { loadBasicRom, loadMonitorRom, type RomImage } from '../../../../src-main/core/machine/rom-set.ts';
import { readRomFolder } from '../../../../src-main/services/farm/rom-folder.ts';
import { assembleOrThrow, messageProgram } from '../../../support/assemble.ts';
import { labMonitor } from '../../../support/emulator.ts';

let lab: RomImage;
beforeAll(async () => {
  lab = loadMonitorRom(await labMonitor(), 'Lab Monitor');
});

function job(value: Record<string, unknown>): Job {
  const parsed = validateJob({ id: 'j', ...value });
  if (!parsed.ok) throw new Error(parsed.result.error);
  return parsed.job;
}

function run(value: Record<string, unknown>, catalog: RomCatalog = EMPTY_CATALOG): JobResult {
  const j = job(value);
  const roms = chooseJobRoms(j, catalog, lab);
  if (!roms.ok) return { id: j.id, ok: false, reason: 'invalid', error: roms.error };
  return runJob(j, roms.roms);
}

/** Prints `text` through the monitor's output vector with the SAVE flag on, so it also goes to the ACIA. */
const PRINT_PROGRAM = (text: string) =>
  assembleOrThrow(`
      .org $0300
        lda #$80
        sta $0205
        ldx #0
      loop:
        lda msg,x
        beq done
        jsr $FFEE
        inx
        bne loop
      done:
        lda #0
        sta $0205
      spin:
        jmp spin
      msg:
        .text "${text}", 0
  `);

const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

describe('farm jobs on the Lab Monitor', () => {
  it('loads 65V text through the cassette port, runs it and returns the settled screen', () => {
    const program = messageProgram('SIXTY FIVE V');
    const result = run({
      '65v': build65v(program.segments, { run: 0x0300 }),
      until: 'SIXTY FIVE V',
      cycles: 20_000_000,
    });
    expect(result.ok, result.error).toBe(true);
    expect(result.reason).toBe('text');
    expect(result.screen).toContain('SIXTY FIVE V');
    expect(result.cycles).toBeGreaterThan(0);
    expect(result.cycles).toBeLessThan(20_000_000);
    expect(result.roms).toMatch(/^Lab Monitor|unknown monitor/);
  });

  it('stops at the first settled screen after loading, and not while a program still draws', () => {
    const still = run({
      '65v': build65v(messageProgram('SETTLED').segments, { run: 0x0300 }),
      settled: true,
      cycles: 40_000_000,
    });
    expect(still.ok, still.error).toBe(true);
    expect(still.reason).toBe('settled');
    expect(still.screen).toContain('SETTLED');
    expect(still.cycles).toBeLessThan(40_000_000);
    // A program that changes the screen forever never settles: it runs to its limit.
    const busy = assembleOrThrow(`
        .org $0300
      loop:
        inc $D2C5
        jmp loop
    `);
    const moving = run({
      binary: { address: '0300', base64: base64(busy.segments[0]!.bytes), start: 0x300 },
      settled: true,
      cycles: 3_000_000,
    });
    expect(moving.reason).toBe('limit');
    expect(moving.cycles).toBeGreaterThanOrEqual(3_000_000);
  });

  it('loads a binary at its address, starts it with .ADDRG, and returns ACIA output and memory', () => {
    const program = PRINT_PROGRAM('HI ACIA');
    const segment = program.segments[0]!;
    const result = run({
      binary: { address: '0300', base64: base64(segment.bytes), start: 0x300 },
      cycles: 3_000_000,
      returns: { acia: true, memory: [{ start: '0300', length: 4 }], screen: 'full' },
    });
    expect(result.ok, result.error).toBe(true);
    expect(result.reason).toBe('limit');
    expect(result.cycles).toBeGreaterThanOrEqual(3_000_000);
    expect(result.acia).toBe('HI ACIA');
    expect(result.memory).toEqual([
      {
        start: 0x300,
        hex: [...segment.bytes.slice(0, 4)]
          .map((b) => b.toString(16).toUpperCase().padStart(2, '0'))
          .join(''),
      },
    ]);
    expect(result.screen?.split('\n').length).toBeGreaterThan(25);
    expect(result.screen).toContain('HI ACIA');
  });

  it('types steps in order, waiting for screen text and cycles', () => {
    const result = run({
      type: [
        { text: '.0300/A9\r', when: 'C/W/M' },
        { text: '41\r', at: 2_000_000 },
      ],
      until: '/0302',
      cycles: 30_000_000,
    });
    // The Lab Monitor goes straight to the machine-code monitor without BASIC: no C/W/M prompt, so
    // nothing is typed and the text never shows.
    expect(result.ok).toBe(false);
    expect(result.reason).toBe('text-not-shown');
    const typed = run({
      type: ['.0300/A9\r', { text: '41\r', at: 2_000_000 }],
      until: '/0302',
      cycles: 30_000_000,
    });
    expect(typed.ok, typed.error).toBe(true);
    expect(typed.screen).toMatch(/\/0300 A9/);
    expect(typed.screen).toMatch(/\/0301 41/);
    expect(typed.cycles).toBeGreaterThan(2_000_000);
  });

  it('stops on the wall-clock limit and says so', () => {
    const j = job({ cycles: 500_000_000, wallSeconds: 0.05 });
    let clock = 0;
    const result = runJob(j, { monitor: lab }, { now: () => (clock += 1) });
    expect(result.ok).toBe(false);
    expect(result.reason).toBe('wall-time');
    expect(result.error).toMatch(/wall-clock limit of 0.05 s/);
    expect(result.cycles).toBeLessThan(500_000_000);
  });

  it('reports a jammed CPU as the stop reason', () => {
    const result = run({ binary: { address: 0x300, base64: base64(new Uint8Array([0x02])), start: '0300' } });
    expect(result.reason).toBe('jammed');
    expect(result.ok).toBe(true);
  });

  it('gives machine seconds as a limit and reports progress', () => {
    const j = job({ seconds: 2.5 });
    const seen: number[] = [];
    const result = runJob(j, { monitor: lab }, { onProgress: (cycles) => seen.push(cycles) });
    expect(result.cycles).toBeGreaterThanOrEqual(Math.round(2.5 * 983_040));
    expect(result.cycles).toBeLessThan(Math.round(2.5 * 983_040) + 20_000);
    expect(seen.length).toBe(2);
  });

  it('fails a job alone with a clear error: untypeable text, a binary past $FFFF, ROMs it cannot have', () => {
    expect(run({ type: 'caf\u00e9' })).toMatchObject({
      ok: false,
      reason: 'invalid',
      error: expect.stringMatching(/cannot type/),
    });
    expect(run({ binary: { address: 'FFFF', base64: 'AAAA' } })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/does not fit at \$FFFF/),
    });
    expect(run({ basic: '10 PRINT 1\r' })).toMatchObject({
      ok: false,
      error: "this worker's ROM folder has no BASIC ROM",
    });
    expect(run({ basic: '10 PRINT 1\r', rom: 'lab' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/needs a BASIC ROM/),
    });
    expect(run({ rom: { monitor: 'ab'.repeat(20) } })).toMatchObject({
      ok: false,
      error: "monitor ROM abababababab… is not in this worker's ROM folder",
    });
  });
});

describe('job validation', () => {
  it('accepts the issue example and refuses malformed jobs with the field named', () => {
    const good = parseJobLine(
      '{"id": "a1", "basic": "10 PRINT 6*7\\r", "type": "RUN\\r", "cycles": 20000000}',
      1,
    );
    expect(good).toMatchObject({ ok: true, job: { id: 'a1', cycles: 20_000_000 } });
    expect(parseJobLine('   ', 2)).toBeNull();
    expect(parseJobLine('{"id": "x", "cycels": 5}', 3)).toMatchObject({
      ok: false,
      result: { id: 'x', line: 3, ok: false, reason: 'invalid', error: expect.stringMatching(/cycels/) },
    });
    expect(parseJobLine('{"id": 1', 4)).toMatchObject({
      ok: false,
      result: { id: null, line: 4, error: expect.stringMatching(/line 4 is not JSON/) },
    });
    expect(parseJobLine('{"id": "y", "ram": 64}', 5)).toMatchObject({
      ok: false,
      result: { error: expect.stringMatching(/ram/) },
    });
    expect(parseJobLine('{"id": "z", "basic": "1", "65v": ".0300G"}', 6)).toMatchObject({
      ok: false,
      result: { error: expect.stringMatching(/at most one of basic, 65v and binary/) },
    });
  });

  it('names ROMs only by SHA-1 or "lab", never by file', () => {
    for (const name of ['../../etc/passwd', 'basic.rom', '/tmp/x'])
      expect(validateJob({ id: 'r', rom: { monitor: name } }).ok).toBe(false);
    expect(validateJob({ id: 'r', rom: { basic: 'AB'.repeat(20) } })).toMatchObject({
      ok: true,
      job: { rom: { basic: 'ab'.repeat(20) } },
    });
  });
});

describe('ROM choice', () => {
  it('picks the monitor and BASIC by SHA-1, and the only BASIC for a listing', () => {
    const monitor = loadMonitorRom(new Uint8Array(2048).fill(0xea));
    const basic = loadBasicRom(new Uint8Array(8192).fill(0x60));
    const catalog: RomCatalog = {
      monitors: new Map([[monitor.sha1, monitor]]),
      basics: new Map([[basic.sha1, basic]]),
    };
    const pick = (value: Record<string, unknown>) => chooseJobRoms(job(value), catalog, lab);
    expect(pick({})).toMatchObject({ ok: true, roms: { monitor: lab, basic: undefined } });
    expect(pick({ basic: '10 END' })).toMatchObject({ ok: true, roms: { monitor: lab, basic } });
    expect(pick({ rom: { monitor: monitor.sha1, basic: basic.sha1 } })).toMatchObject({
      ok: true,
      roms: { monitor, basic },
    });
    expect(pick({ rom: 'lab' })).toMatchObject({ ok: true, roms: { monitor: lab, basic: undefined } });
    const two = { ...catalog, basics: new Map([...catalog.basics, ['x'.repeat(40), basic]]) };
    expect(chooseJobRoms(job({ basic: '1' }), two, lab)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/has 2 BASIC ROMs/),
    });
  });
});

const romFolder =
  process.env.SUPERBOARD_ROMS ?? path.resolve(import.meta.dirname, '../../../../../shared/roms');
const userRoms = existsSync(romFolder) ? buildRomCatalog(await readRomFolder(romFolder)) : EMPTY_CATALOG;
const haveBasic = userRoms.basics.size === 1;
if (!haveBasic)
  console.warn(
    `BASIC farm jobs skipped: no single BASIC ROM in ${romFolder} (set SUPERBOARD_ROMS to a folder of your dumps)`,
  );

describe.skipIf(!haveBasic)('farm jobs with your BASIC ROM (SUPERBOARD_ROMS)', () => {
  it('runs the issue example: a listing loaded through LOAD, RUN typed, 42 on the screen', () => {
    const result = run({ basic: '10 PRINT 6*7\r', type: 'RUN\r', until: '42', cycles: 20_000_000 }, userRoms);
    expect(result.ok, result.error).toBe(true);
    expect(result.screen).toMatch(/^ ?42 *$/m);
  });
});
