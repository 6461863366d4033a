// The cloud driver on an emulated board with the Lab Monitor and the test BASIC: loaded from its 65V tape
// through the cassette port, entered through BASIC's USR jump at $000A, its request frame read off the ACIA
// and an answer frame played back to it. The audio trip through the gateway is in
// test/integration/audio-gateway.test.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  ANSWER_START,
  encodeFrame,
  FrameReader,
  REQUEST_START,
  type BoardFrame,
} from '../../../src-main/core/jobs/board-link.ts';
import { ByteTapeSource } from '../../../src-main/core/machine/cassette-port.ts';
import { loadBasicRom, loadMonitorRom } from '../../../src-main/core/machine/rom-set.ts';
import { Superboard } from '../../../src-main/core/machine/superboard.ts';
import { assembleCloudDriver } from '../../../src-main/rom/cloud-driver.ts';
import { assembleLabMonitor } from '../../../src-main/rom/lab-monitor.ts';
import { fakeBasicRom } from '../../support/fake-basic.ts';
import { readScreen, runUntilScreenShows, typeAll } from '../../support/screen-reading.ts';

const ROM_DIR = join(import.meta.dirname, '../../../src-main/rom');
const monitor = assembleLabMonitor((path) => readFileSync(join(ROM_DIR, path), 'utf8')).rom;
const driver = assembleCloudDriver(readFileSync(join(ROM_DIR, 'cloud-driver.asm'), 'utf8'));

/**
 * Runs until the board has sent a whole request frame through its ACIA, and returns it. (The request line
 * is typed with board.type, not typeAll: the driver reads no keys while it waits, so the typist never sees
 * the last RETURN released until the driver is back in BASIC.)
 */
function requestFrom(board: Superboard, seconds = 10): BoardFrame {
  const reader = new FrameReader(REQUEST_START);
  for (let frame = 0; frame < seconds * 60; frame++) {
    board.runFrame();
    for (const byte of board.cassette.takeRecorded()) {
      const event = reader.push(byte.value);
      if (event?.type === 'frame') return event.frame;
      if (event) throw new Error('the driver sent a frame with a bad checksum');
    }
  }
  throw new Error(`no request frame; the screen:\n${readScreen(board)}`);
}

let board: Superboard;
beforeEach(() => {
  board = new Superboard({
    roms: { monitor: loadMonitorRom(monitor, 'lab-monitor'), basic: loadBasicRom(fakeBasicRom()) },
  });
  board.run(300_000);
  typeAll(board, 'C');
  expect(runUntilScreenShows(board, 'OK')).toBe(true);
  // BREAK, M, L and the tape, as a person loads machine code under BASIC.
  board.reset();
  board.run(300_000);
  typeAll(board, 'ML');
  board.cassette.play(new ByteTapeSource(Uint8Array.from(driver.tape, (c) => c.charCodeAt(0))), {
    speed: 'fast',
  });
  expect(runUntilScreenShows(board, 'CLOUD DRIVER IN USR', 30)).toBe(true);
});

describe('the cloud driver on an emulated board', () => {
  it('installs from its 65V tape into USR, sends the typed request framed, and prints the answer', () => {
    // The tape pointed USR at the driver and went back to BASIC.
    expect([board.peek(0x0a), board.peek(0x0b) | (board.peek(0x0c) << 8)]).toEqual([0x4c, driver.usr]);
    expect(runUntilScreenShows(board, 'OK')).toBe(true);
    typeAll(board, 'X=USR(0)\r');
    expect(runUntilScreenShows(board, 'CLOUD?')).toBe(true);
    board.type('M 2 0300 A9 2A 60\r');
    const request = requestFrom(board);
    expect(String.fromCharCode(request.kind)).toBe('M');
    expect(request.text).toBe(' 2 0300 A9 2A 60');
    // Noise before the answer is skipped; a CR in the answer starts a new line.
    const answer = encodeFrame(ANSWER_START, 0x4b, 'FORTY\rTWO');
    board.cassette.play(new ByteTapeSource(Uint8Array.from([0, 0x55, ...answer])), { speed: 'fast' });
    expect(runUntilScreenShows(board, 'FORTY\nTWO\nOK')).toBe(true);
  });

  it('asks again when the answer comes damaged or the gateway asks, gives up after three sends', () => {
    typeAll(board, 'X=USR(0)\r');
    board.type('E 6*7\r');
    const first = requestFrom(board);
    const answer = (kind: number, text: string): void =>
      board.cassette.play(new ByteTapeSource(encodeFrame(ANSWER_START, kind, text)), { speed: 'fast' });
    const damaged = (): void => {
      const bytes = encodeFrame(ANSWER_START, 0x4b, 'WRONG');
      bytes[4] = (bytes[4] ?? 0) ^ 0x01;
      board.cassette.play(new ByteTapeSource(bytes), { speed: 'fast' });
    };
    damaged();
    expect(requestFrom(board)).toEqual(first);
    answer(0x52, '');
    expect(requestFrom(board)).toEqual(first);
    answer(0x4b, ' 42');
    expect(runUntilScreenShows(board, 'CLOUD? E 6*7\n 42\nOK')).toBe(true);
    // Three damaged answers in a row: it says so and sends no more.
    typeAll(board, 'X=USR(0)\r');
    board.type('E 1/0\r');
    for (let send = 1; send <= 3; send++) {
      requestFrom(board);
      damaged();
    }
    expect(runUntilScreenShows(board, '?BAD CHECKSUM')).toBe(true);
    expect(readScreen(board)).not.toContain('WRONG');
    board.run(300_000);
    expect(board.cassette.takeRecorded()).toEqual([]);
    // An error answer prints after a ?.
    typeAll(board, 'X=USR(0)\r');
    board.type('E 1\r');
    requestFrom(board);
    answer(0x45, 'NO BASIC ROM');
    expect(runUntilScreenShows(board, '?NO BASIC ROM')).toBe(true);
  });

  it('takes back a character with SHIFT O (_) and sends nothing for an empty line', () => {
    typeAll(board, 'X=USR(0)\r');
    board.type('R PRINT 1Q_\r');
    expect(requestFrom(board).text).toBe(' PRINT 1');
    board.cassette.play(new ByteTapeSource(encodeFrame(ANSWER_START, 0x4b, ' 1')), { speed: 'fast' });
    expect(runUntilScreenShows(board, 'OK')).toBe(true);
    board.cassette.takeRecorded();
    typeAll(board, 'X=USR(0)\r\r');
    expect(runUntilScreenShows(board, 'CLOUD?')).toBe(true);
    board.run(200_000);
    expect(board.cassette.takeRecorded()).toEqual([]);
  });
});
