// The emulator's cassette port wired to a live cable (the sound card or the soft-modem): what the ACIA sends
// comes out of the runner as bytes, bytes pushed in reach the program, and the tape deck stands aside.
import { beforeEach, describe, expect, it } from 'vitest';
import type { MachineStatus } from '../../../../src-main/ipc/contract.ts';
import {
  EmulatorRunner,
  LAB_MONITOR_SOURCE,
} from '../../../../src-main/services/emulator/emulator-runner.ts';
import { assembleOrThrow } from '../../../support/assemble.ts';
import { labMonitor } from '../../../support/emulator.ts';

let clock = 0;
let sent: number[];
let status: MachineStatus | null;
let runner: EmulatorRunner;

beforeEach(async () => {
  clock = 1000;
  sent = [];
  status = null;
  runner = new EmulatorRunner(() => clock, {
    frame: () => {},
    status: (s) => (status = s),
    serial: (bytes) => sent.push(...bytes),
  });
  runner.configure({
    monitor: { bytes: await labMonitor(), source: LAB_MONITOR_SOURCE },
    basic: [],
    ramKb: 8,
    seed: 7,
  });
});

function runFor(seconds: number): void {
  for (let t = 0; t < seconds * 60; t++) {
    clock += 1000 / 60;
    runner.tick();
  }
}

describe('EmulatorRunner wired to the cable', () => {
  it('sends what the ACIA transmits, receives what the cable brings, and refuses the tape deck meanwhile', () => {
    // With both flags set: read a byte from the ACIA, send it back plus one, forever.
    const program = assembleOrThrow(`
        .org $0300
          lda #$80
          sta $0203
          sta $0205
        loop:
          jsr $FFEB
          clc
          adc #1
          jsr $FFEE
          jmp loop
    `).image;
    runFor(0.3);
    runner.machine.load(0x0300, program);
    runner.machine.cpu.pc = 0x0300;
    runner.command({ kind: 'serialWire', wired: true });
    expect(status?.tape.playing).toBe('the cassette cable');
    expect(() => runner.command({ kind: 'tapeStop' })).toThrow(/wired to the cable/);
    runner.command({ kind: 'serialReceive', bytes: Uint8Array.from([0x40, 0x41, 0x42]) });
    runFor(0.5);
    expect(sent).toEqual([0x41, 0x42, 0x43]);

    runner.command({ kind: 'serialWire', wired: false });
    expect(status?.tape.playing).toBeNull();
    runner.command({ kind: 'serialReceive', bytes: Uint8Array.of(0x50) });
    runFor(0.2);
    expect(sent).toEqual([0x41, 0x42, 0x43]);
    expect(() => runner.command({ kind: 'tapeStop' })).not.toThrow();
  });
});
