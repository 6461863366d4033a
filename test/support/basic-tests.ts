import { expect, it } from 'vitest';
import { ByteTapeSource } from '../../src-main/core/machine/cassette-port.ts';
import type { Superboard } from '../../src-main/core/machine/superboard.ts';
import { readScreen, runUntilScreenShows, typeAll } from './screen-reading.ts';

/**
 * What a user does with OSI BASIC 1.0 rev 3.2 on a monitor (SYN600 or the Lab Monitor), as tests: the
 * screen is read as a person reads it (the 24 visible columns, BASIC's wrapped lines joined, each expected
 * line looked for while it is on screen). `boot` powers on a machine; `prompt` is the monitor's boot prompt.
 */
export function basicTests(boot: () => Superboard, prompt: string): void {
  const shows = (board: Superboard, text: string, seconds = 10): void => {
    const seen = runUntilScreenShows(board, text, seconds);
    expect(seen, `screen never showed ${text}:\n${readScreen(board)}`).toBe(true);
  };

  /** Answers C and the two questions with RETURN, and waits for BASIC's OK. */
  const coldStart = (): Superboard => {
    const board = boot();
    shows(board, prompt);
    typeAll(board, 'C');
    shows(board, 'MEMORY SIZE?');
    typeAll(board, '\r');
    shows(board, 'TERMINAL WIDTH?');
    typeAll(board, '\r');
    shows(board, 'OSI 6502 BASIC VERSION 1.0 REV 3.2');
    shows(board, 'OK');
    return board;
  };

  it(`boots to ${prompt} and cold-starts BASIC, which finds the end of 8K RAM`, () => {
    const board = boot();
    shows(board, prompt);
    typeAll(board, 'C');
    shows(board, 'MEMORY SIZE?');
    typeAll(board, '\r');
    shows(board, 'TERMINAL WIDTH?');
    typeAll(board, '\r');
    shows(board, 'BYTES FREE');
    const free = Number(/(\d+) BYTES FREE/.exec(readScreen(board))?.[1]);
    expect(free).toBeGreaterThan(6_000);
    expect(free).toBeLessThan(8_192);
    shows(board, 'OSI 6502 BASIC VERSION 1.0 REV 3.2');
    shows(board, 'COPYRIGHT 1977 BY MICROSOFT CO.');
  });

  it('takes a typed program exactly once, runs it, and saves it to tape as text with 10 NULs per line', () => {
    const board = coldStart();
    typeAll(board, '10 PRINT "HELLO"\rRUN\r');
    shows(board, 'HELLO\n');
    expect(readScreen(board).match(/10 PRINT "HELLO"/g)).toHaveLength(1);
    board.cassette.takeRecorded();
    typeAll(board, 'SAVE\rLIST\r');
    board.run(10 * board.cpuHz);
    const sent = board.cassette.takeRecorded().map((byte) => byte.value);
    const line = '10 PRINT "HELLO"\r';
    const at = String.fromCharCode(...sent).indexOf(line);
    expect(at).toBeGreaterThanOrEqual(0);
    expect(sent.slice(at + line.length, at + line.length + 10)).toEqual(new Array<number>(10).fill(0));
  });

  it('breaks a running program with Ctrl-C (BREAK IN 10) and goes on with CONT', () => {
    const board = coldStart();
    typeAll(board, '10 GOTO 10\rRUN\r\x03');
    shows(board, 'BREAK IN 10');
    typeAll(board, 'CONT\r\x03');
    board.run(board.cpuHz);
    expect(readScreen(board).match(/BREAK IN 10/g)).toHaveLength(2);
  });

  it('loads a program from tape, ends the load with SPACE and takes keys again', () => {
    const board = coldStart();
    typeAll(board, 'LOAD\r');
    const tape = '10 PRINT "FROM TAPE"\r' + '\0'.repeat(10) + '\n';
    board.cassette.play(new ByteTapeSource(Uint8Array.from(tape, (c) => c.charCodeAt(0))));
    board.run(3 * board.cpuHz);
    typeAll(board, ' ');
    typeAll(board, 'RUN\r');
    shows(board, 'FROM TAPE\n');
  });
}
