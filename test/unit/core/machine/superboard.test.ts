import { describe, expect, it } from 'vitest';
import { ByteTapeSource } from '../../../../src-main/core/machine/cassette-port.ts';
import { MATRIX_KEYS, charToChord } from '../../../../src-main/core/machine/keyboard-matrix.ts';
import { MachineStateError } from '../../../../src-main/core/machine/machine-state.ts';
import { loadBasicRom, loadMonitorRom } from '../../../../src-main/core/machine/rom-set.ts';
import {
  FRAME_CYCLES,
  MAX_STATE_CYCLES,
  Superboard,
  type SuperboardConfig,
} from '../../../../src-main/core/machine/superboard.ts';
import { assemble } from './mini-asm.ts';

/** A 2K test monitor: `program` assembled at $F800, with all three vectors pointing at it. */
function testRom(program: string): Uint8Array {
  const code = assemble(0xf800, program);
  const rom = new Uint8Array(0x800).fill(0xea);
  rom.set(code);
  for (const vector of [0x7fa, 0x7fc, 0x7fe]) {
    rom[vector] = 0x00;
    rom[vector + 1] = 0xf8;
  }
  return rom;
}

function machine(program: string, config: Partial<SuperboardConfig> = {}): Superboard {
  return new Superboard({ roms: { monitor: loadMonitorRom(testRom(program)) }, ...config });
}

const COUNTER = `
start:  LDX #$00
loop:   INX
store:  STX $0300
        JMP loop
`;
const STORE_ADDRESS = 0xf803;

/**
 * A key poller in the spirit of the monitor's: scan rows 1-7, accept a key after three more sightings with
 * a delay between, store its code (row*8 + col + 1) at $0400,X and the row-0 modifiers at $0500,X, then
 * wait for every key to be released.
 */
const POLLER = `
start:        LDX #$FF
              TXS
              LDX #$00
wait_key:     JSR scan
              BEQ wait_key
              STA $11
              LDY #$03
confirm:      JSR delay
              JSR scan
              CMP $11
              BNE wait_key
              DEY
              BNE confirm
              LDA $11
              STA $0400,X
              LDA #$FE
              STA $DF00
              LDA $DF00
              EOR #$FF
              STA $0500,X
              INX
              STX $10
wait_release: JSR scan
              BNE wait_release
              JMP wait_key
scan:         LDA #$FD
              STA $12
              LDA #$01
              STA $13
scan_loop:    LDA $12
              STA $DF00
              LDA $DF00
              EOR #$FF
              BNE found
              SEC
              ROL $12
              INC $13
              LDA $13
              CMP #$08
              BNE scan_loop
              LDA #$00
              RTS
found:        STA $14
              LDA #$07
              STA $16
find_bit:     ASL $14
              BCS got_bit
              DEC $16
              JMP find_bit
got_bit:      LDA $13
              ASL A
              ASL A
              ASL A
              CLC
              ADC $16
              CLC
              ADC #$01
              RTS
delay:        LDA #$00
              STA $17
delay_loop:   DEC $17
              BNE delay_loop
              RTS
`;

/** Initialise the ACIA as the monitor does, then echo every received byte to the screen and back out. */
const ECHO = `
start:   LDA #$03
         STA $F000
         LDA #$11
         STA $F000
         LDX #$00
loop:    LDA $F000
         LSR A
         BCC loop
         LDA $F001
         STA $D000,X
         INX
         PHA
tx_wait: LDA $F000
         AND #$02
         BEQ tx_wait
         PLA
         STA $F001
         JMP loop
`;

/** Copy received bytes to the screen. */
const RECEIVER = `
start:   LDA #$03
         STA $F000
         LDA #$11
         STA $F000
         LDX #$00
loop:    LDA $F000
         LSR A
         BCC loop
         LDA $F001
         STA $D000,X
         INX
         JMP loop
`;

/** Send 0, 1, 2, ... out of the ACIA as fast as TDRE allows, mirroring each on screen. */
const SENDER = `
start:   LDA #$03
         STA $F000
         LDA #$11
         STA $F000
         LDX #$00
loop:    LDA $F000
         AND #$02
         BEQ loop
         STX $F001
         TXA
         STA $D000,X
         INX
         JMP loop
`;

describe('Superboard configuration', () => {
  it('maps RAM, video, keyboard, ACIA and ROMs where the model 600 has them', () => {
    const board = new Superboard({
      roms: {
        monitor: loadMonitorRom(testRom(COUNTER)),
        basic: loadBasicRom(new Uint8Array(0x2000).fill(0x60)),
      },
      ramBytes: 4096,
    });
    expect(board.bus.pageKind(0x0f)).toBe('ram');
    expect(board.bus.pageKind(0x10)).toBe('unmapped');
    expect(board.bus.pageKind(0xa0)).toBe('rom');
    expect(board.bus.pageKind(0xbf)).toBe('rom');
    expect(board.bus.deviceAt(0xd3)).toBe(board.video);
    expect(board.bus.pageKind(0xd0)).toBe('watched-ram');
    expect(board.bus.pageKind(0xd4)).toBe('unmapped');
    expect(board.bus.deviceAt(0xdf)).toBe(board.keyboard);
    expect(board.bus.deviceAt(0xf0)).toBe(board.acia);
    expect(board.peek(0xfffc) | (board.peek(0xfffd) << 8)).toBe(0xf800);
    expect(board.peek(0xa123)).toBe(0x60);
  });

  it('refuses RAM sizes that are not whole K up to 40K', () => {
    expect(() => machine(COUNTER, { ramBytes: 3000 })).toThrow(/whole number of K from 1K to 40K/);
    expect(() => machine(COUNTER, { ramBytes: 48 * 1024 })).toThrow(/got 49152 bytes/);
  });

  it('fills RAM and video RAM from the seeded PRNG at power-on, reproducibly', () => {
    const a = machine(COUNTER, { seed: 1 });
    const b = machine(COUNTER, { seed: 1 });
    const c = machine(COUNTER, { seed: 2 });
    expect(Array.from(a.peekRange(0, 8192))).toEqual(Array.from(b.peekRange(0, 8192)));
    expect(Array.from(a.video.bytes)).toEqual(Array.from(b.video.bytes));
    expect(Array.from(a.peekRange(0, 64))).not.toEqual(Array.from(c.peekRange(0, 64)));
    const distinct = new Set(a.video.bytes);
    expect(distinct.size).toBeGreaterThan(200);
    a.powerCycle(2);
    expect(Array.from(a.peekRange(0, 8192))).toEqual(Array.from(c.peekRange(0, 8192)));
  });
});

describe('running', () => {
  it('runs the CPU from the reset vector and counts 60 Hz frames every 16,384 cycles', () => {
    const board = machine(COUNTER);
    let frames = 0;
    board.onFrame = () => frames++;
    const result = board.run(983_040);
    expect(result.reason).toBe('completed');
    expect(result.cycles).toBeGreaterThanOrEqual(983_040);
    expect(frames).toBe(60);
    expect(board.frameCount).toBe(60);
    expect(board.peek(0x300)).toBe(board.cpu.x);
  });

  it('runFrame stops right after the next frame event', () => {
    const board = machine(COUNTER);
    board.runFrame();
    expect(board.frameCount).toBe(1);
    expect(board.cpu.cycles).toBeGreaterThanOrEqual(FRAME_CYCLES);
    expect(board.cpu.cycles).toBeLessThan(FRAME_CYCLES + 8);
    board.runFrame();
    expect(board.frameCount).toBe(2);
    expect(board.cpu.cycles).toBeLessThan(2 * FRAME_CYCLES + 8);
  });

  it('does nothing while paused except single steps', () => {
    const board = machine(COUNTER);
    board.pause();
    expect(board.run(10_000)).toMatchObject({ reason: 'paused', cycles: 0 });
    const pc = board.cpu.pc;
    const step = board.step();
    expect(step.cycles).toBe(2);
    expect(board.cpu.pc).toBe(pc + 2);
    board.resume();
    expect(board.run(100).reason).toBe('completed');
  });

  it('stops before a breakpoint, pauses, and resumes past it', () => {
    const board = machine(COUNTER);
    board.addBreakpoint(STORE_ADDRESS);
    const first = board.run(100_000);
    expect(first).toMatchObject({ reason: 'breakpoint', pc: STORE_ADDRESS });
    expect(board.paused).toBe(true);
    expect(board.cpu.x).toBe(1);
    expect(board.peek(0x300)).not.toBe(1);
    board.resume();
    expect(board.run(100_000)).toMatchObject({ reason: 'breakpoint', pc: STORE_ADDRESS });
    expect(board.cpu.x).toBe(2);
    expect(board.peek(0x300)).toBe(1);
    expect(board.listBreakpoints()).toEqual([STORE_ADDRESS]);
    board.removeBreakpoint(STORE_ADDRESS);
    board.resume();
    expect(board.run(1_000).reason).toBe('completed');
  });

  it('never misses a breakpoint across slice boundaries, in the breakpoint loop as in the stepping loop', () => {
    const hits = (stepping: boolean): number[] => {
      const board = machine(COUNTER);
      if (stepping) board.startRecording();
      board.addBreakpoint(STORE_ADDRESS);
      const cycles: number[] = [];
      for (let i = 1; i <= 400; i++) {
        board.resume();
        const result = board.run(100_000);
        expect(result.reason).toBe('breakpoint');
        expect(board.cpu.x).toBe(i & 0xff);
        cycles.push(board.cpu.cycles);
      }
      return cycles;
    };
    const viaBreakpointLoop = hits(false);
    expect(viaBreakpointLoop).toEqual(hits(true));
    expect(viaBreakpointLoop[399]).toBeGreaterThan(3 * 1_024);
  });

  it('reports write and read watchpoints with the value and the instruction address', () => {
    const board = machine(COUNTER);
    board.addWatchpoint(0x300, 'write');
    const result = board.run(100_000);
    expect(result.reason).toBe('watchpoint');
    expect(result.watch).toEqual({ kind: 'write', address: 0x300, value: board.cpu.x, pc: STORE_ADDRESS });
    expect(board.cpu.pc).toBe(STORE_ADDRESS + 3);
    board.clearWatchpoints();
    board.addWatchpoint(0xf806, 'read');
    board.resume();
    // $F806 holds the JMP opcode: fetching it is a read.
    expect(board.run(100_000).watch).toEqual({ kind: 'read', address: 0xf806, value: 0x4c, pc: 0xf806 });
  });

  it('runs to an address', () => {
    const board = machine(COUNTER);
    expect(board.runTo(STORE_ADDRESS)).toMatchObject({ reason: 'address', pc: STORE_ADDRESS });
    board.resume();
    expect(board.runTo(0x1234, 50_000).reason).toBe('completed');
  });

  it('records per-address reads, writes, executions and the last writer, and nothing when off', () => {
    const board = machine(COUNTER);
    board.run(1_000);
    board.startRecording();
    board.run(10_000);
    board.stopRecording();
    board.run(10_000);
    const map = board.accessMap();
    const loops = map.executes[0xf802]!;
    expect(loops).toBeGreaterThan(900);
    expect(Math.abs(map.executes[STORE_ADDRESS]! - loops)).toBeLessThanOrEqual(1);
    expect(Math.abs(map.writes[0x300]! - loops)).toBeLessThanOrEqual(1);
    expect(map.lastWriterPc[0x300]).toBe(STORE_ADDRESS);
    expect(map.lastWriterPc[0x301]).toBe(-1);
    expect(map.reads[0xf802]).toBe(map.executes[0xf802]);
    expect(board.bus.tap).toBeNull();
  });

  it('records the instruction that last read each address, only while recording', () => {
    const board = machine(`
start:  LDA $0300
        STA $0301
        JMP start
`);
    board.run(1_000);
    board.startRecording();
    expect(board.accessAt(0x300).lastReaderPc).toBe(-1);
    board.run(1_000);
    expect(board.accessAt(0x300).lastReaderPc).toBe(0xf800);
    expect(board.accessAt(0xf803).lastReaderPc).toBe(0xf803);
    expect(board.accessAt(0x301).lastReaderPc).toBe(-1);
    board.clearAccessMap();
    expect(board.accessAt(0x300).lastReaderPc).toBe(-1);
  });

  it('gives the same results in the debug loop as in the fast loop', () => {
    const fast = machine(SENDER);
    const slow = machine(SENDER);
    slow.startRecording();
    fast.run(500_000);
    slow.run(500_000);
    expect(slow.cpu.saveState()).toEqual(fast.cpu.saveState());
    expect(slow.cassette.takeRecorded()).toEqual(fast.cassette.takeRecorded());
    expect(Array.from(slow.video.bytes)).toEqual(Array.from(fast.video.bytes));
  });

  it.each([false, true])('reports a jammed CPU and pauses (debug loop: %s)', (debug) => {
    const board = machine(`
start: LDX #$05
loop:  DEX
       BNE loop
       .byte $02
`);
    if (debug) board.startRecording();
    const result = board.run(10_000);
    expect(result.reason).toBe('jammed');
    expect(board.paused).toBe(true);
    expect(board.status().jammed).toBe(true);
    expect(board.cpu.jammedAt).toBe(0xf805);
    expect(result.cycles).toBeLessThan(10_000);
    expect(board.run(10_000).reason).toBe('paused');
    board.reset();
    board.resume();
    expect(board.run(20).reason).toBe('completed');
  });

  it('renders the screen as text', () => {
    const board = machine(`
start: LDX #$00
copy:  LDA text,X
       BEQ done
       STA $D065,X
       INX
       JMP copy
done:  JMP done
text:  .byte $44, $2F, $43, $2F, $57, $2F, $4D, $20, $3F, 0
`);
    board.run(2_000);
    expect(board.screenText({ window: { firstRow: 3, firstColumn: 5, rows: 1, columns: 9 } })).toEqual([
      'D/C/W/M ?',
    ]);
    expect(board.screenText()).toHaveLength(32);
  });
});

describe('keyboard typing through a 6502 poller', () => {
  it('delivers every character exactly once, with its shift and shift-lock state', () => {
    const board = machine(POLLER);
    const text = 'PRINT "HI",a;b\n10 X=X+1:GOTO 10\nLLOOK?@_';
    board.type(text);
    for (let frame = 0; frame < 20_000 && board.keyboard.typingPending > 0; frame++) board.runFrame();
    board.run(200_000);
    expect(board.keyboard.typingPending).toBe(0);
    const count = board.peek(0x10);
    const got: string[] = [];
    for (let i = 0; i < count; i++) got.push(`${board.peek(0x400 + i)}/${board.peek(0x500 + i)}`);
    const expected = [...text].map((char) => {
      const chord = charToChord(char)!;
      let code = 0;
      let row0 = chord.shiftLock === false ? 0 : 1;
      for (const key of chord.keys) {
        const [row, col] = MATRIX_KEYS[key];
        if (row === 0) row0 |= 1 << col;
        else code = row * 8 + col + 1;
      }
      return `${code}/${row0}`;
    });
    expect(got).toEqual(expected);
  });
});

describe('cassette port on the board', () => {
  it('plays a tape into a receive loop at 300 baud and records the echo', () => {
    const board = machine(ECHO);
    const text = new TextEncoder().encode('HELLO\r');
    board.run(1_000);
    board.cassette.play(new ByteTapeSource(text));
    board.run(Math.ceil((text.length + 2) * 36_044.8));
    const recorded = board.cassette.takeRecorded();
    expect(recorded.map((r) => r.value)).toEqual(Array.from(text));
    expect(board.screenText()[0]?.slice(0, 5)).toBe('HELLO');
    for (let i = 1; i < recorded.length; i++) {
      const gap = recorded[i]!.endCycle - recorded[i - 1]!.endCycle;
      expect(gap).toBeGreaterThanOrEqual(36_044);
      expect(gap).toBeLessThanOrEqual(36_045 + 205);
    }
  });

  it('loads a tape in fast mode far quicker than real time', () => {
    const board = machine(RECEIVER);
    const bytes = new Uint8Array(200).map((_, i) => 0x41 + (i % 26));
    board.run(1_000);
    board.cassette.play(new ByteTapeSource(bytes), { speed: 'fast' });
    board.run(200 * 2_000);
    expect(board.cassette.framesDelivered).toBe(200);
    expect(board.peekRange(0xd000, 200)).toEqual(bytes);
  });
});

describe('machine state', () => {
  it('round-trips through file text: a restored machine continues exactly like the original', () => {
    const original = machine(SENDER);
    original.type('AB');
    original.run(123_457);
    const text = original.serializeState();
    original.run(400_000);
    const copy = machine(SENDER);
    copy.run(5_000);
    copy.deserializeState(text);
    copy.cassette.takeRecorded();
    const expectedTail = original.cassette.takeRecorded().filter((r) => r.endCycle > 123_457);
    copy.run(400_000);
    expect(copy.cassette.takeRecorded()).toEqual(expectedTail);
    expect(copy.saveState()).toEqual(original.saveState());
    expect(text).toContain('"format": "superboard-lab/machine-state"');
  });

  it('rejects garbage, a wrong version and a different configuration without changing anything', () => {
    const board = machine(COUNTER);
    board.run(10_000);
    board.type('HELLO');
    const before = board.saveState();
    expect(() => board.deserializeState('not json')).toThrow(MachineStateError);
    expect(() => board.deserializeState('{"format":"something else"}')).toThrow(/not a machine state file/);
    const good = JSON.parse(board.serializeState()) as Record<string, unknown>;
    expect(() => board.deserializeState(JSON.stringify({ ...good, version: 99 }))).toThrow(/version 99/);
    const other = machine(COUNTER, { ramBytes: 16 * 1024 });
    expect(() => other.deserializeState(board.serializeState())).toThrow(
      /RAM bytes 8192; this machine has 16384/,
    );
    const damaged = { ...good, acia: { ...(good.acia as object), control: 999 } };
    expect(() => board.deserializeState(JSON.stringify(damaged))).toThrow(/acia\.control/);
    const badCpu = { ...good, cpu: { ...(good.cpu as object), pc: -1 } };
    expect(() => board.deserializeState(JSON.stringify(badCpu))).toThrow(MachineStateError);
    expect(() => board.loadState(null)).toThrow(MachineStateError);
    expect(() => board.loadState({ ...board.saveState(), ram: new Uint8Array(10) })).toThrow(
      /ram: expected 8192 bytes, got 10/,
    );
    const badKeyboard = { ...before, keyboard: { rowLatch: 0, shiftLock: 'yes', manual: new Uint8Array(8) } };
    expect(() => board.loadState(badKeyboard)).toThrow(/keyboard\.shiftLock/);
    expect(board.saveState()).toEqual(before);
    expect(board.keyboard.typingPending).toBe(5);
  });

  it('refuses clock, frame and ACIA times no real run produces, naming the field', () => {
    const board = machine(SENDER);
    board.run(50_000);
    const before = board.saveState();
    const crafted = (cycles: number, frame: object, acia: object = {}) => ({
      ...before,
      cpu: { ...before.cpu, cycles },
      frame: { ...before.frame, ...frame },
      acia: { ...before.acia, ...acia },
    });
    expect(() => board.loadState(crafted(2 ** 53 - 1, { nextCycle: 0 }))).toThrow(/cpu\.cycles: expected/);
    expect(() => board.loadState(crafted(1e12, { nextCycle: 0 }))).toThrow(/frame\.nextCycle/);
    const cycles = before.cpu.cycles;
    expect(() => board.loadState(crafted(cycles, { nextCycle: 0 }))).toThrow(/frame\.nextCycle/);
    expect(() => board.loadState(crafted(cycles, { nextCycle: cycles }))).toThrow(/frame\.nextCycle/);
    expect(() => board.loadState(crafted(cycles, { nextCycle: cycles + 10 * FRAME_CYCLES }))).toThrow(
      /frame\.nextCycle/,
    );
    expect(() => board.loadState(crafted(cycles, { count: 1_000_000 }))).toThrow(/frame\.count/);
    expect(() => board.loadState(crafted(cycles, {}, { frameEndTick: 2 ** 40 }))).toThrow(
      /acia\.frameEndTick/,
    );
    expect(board.saveState()).toEqual(before);
    // The largest clock a state may carry still loads and runs.
    const late = Math.floor(MAX_STATE_CYCLES / FRAME_CYCLES) * FRAME_CYCLES - 100;
    board.loadState(crafted(late, { nextCycle: late + 100, count: 5 }, { shifting: false, frameEndTick: 0 }));
    expect(board.run(FRAME_CYCLES).reason).toBe('completed');
    expect(board.frameCount).toBe(6);
  });

  it('fires at most one frame event however far the clock is ahead of it', () => {
    const board = machine(COUNTER);
    board.run(1_000);
    const frames = board.frameCount;
    board.cpu.cycles = 1e12;
    board.run(1_000);
    expect(board.frameCount).toBe(frames + 1);
    board.run(FRAME_CYCLES);
    expect(board.frameCount).toBe(frames + 2);
  });

  it('refuses a state saved with another monitor ROM', () => {
    const a = machine(COUNTER);
    const b = machine(SENDER);
    expect(() => b.loadState(a.saveState())).toThrow(/monitor ROM SHA-1/);
  });
});
