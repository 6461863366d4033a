import { describe, expect, it } from 'vitest';
import {
  ANSWER_ERROR,
  ANSWER_OK,
  ANSWER_START,
  answerOf,
  composeAnswer,
  encodeFrame,
  FrameReader,
  parseRequest,
  REQUEST_START,
  requestJobs,
  type BoardRequest,
} from '../../../../src-main/core/jobs/board-link.ts';
import { validateJob } from '../../../../src-main/core/jobs/job.ts';

const text = (bytes: Uint8Array): string => String.fromCharCode(...bytes);

function request(kind: string, body: string): BoardRequest {
  const parsed = parseRequest({ kind: kind.charCodeAt(0), text: body });
  if (typeof parsed === 'string') throw new Error(parsed);
  return parsed;
}

describe('the board link frames', () => {
  it('reads a frame out of noise and refuses one with a bad checksum', () => {
    const frame = encodeFrame(REQUEST_START, 0x45, ' 6*7');
    // kind + length + text, modulo 256.
    expect(frame.at(-1)).toBe((0x45 + 4 + [...' 6*7'].reduce((s, c) => s + c.charCodeAt(0), 0)) & 0xff);
    const reader = new FrameReader(REQUEST_START);
    const events = [0, 0x55, ...frame].map((b) => reader.push(b)).filter((e) => e !== null);
    expect(events).toEqual([{ type: 'frame', frame: { kind: 0x45, text: ' 6*7' } }]);
    const damaged = Uint8Array.from(frame);
    damaged[3] = 0x37;
    expect([...damaged].map((b) => reader.push(b)).filter((e) => e !== null)).toEqual([
      { type: 'bad-checksum', kind: 0x45 },
    ]);
    // An empty text and a frame begun then abandoned.
    reader.push(REQUEST_START);
    reader.push(0x52);
    expect(reader.inFrame).toBe(true);
    reader.reset();
    const empty = [...encodeFrame(REQUEST_START, 0x52, '')].map((b) => reader.push(b)).at(-1);
    expect(empty).toEqual({ type: 'frame', frame: { kind: 0x52, text: '' } });
  });
});

describe('board requests', () => {
  it('reads E, R and M requests and says what is wrong with others', () => {
    expect(request('E', ' 6*7')).toEqual({ kind: 'evaluate', expression: '6*7' });
    expect(request('R', ' 3 PRINT RND(1)')).toEqual({ kind: 'basic', machines: 3, line: 'PRINT RND(1)' });
    expect(request('r', ' PRINT 1')).toEqual({ kind: 'basic', machines: 1, line: 'PRINT 1' });
    expect(request('M', ' 0300 A9 2A 60')).toMatchObject({
      kind: 'machine-code',
      machines: 1,
      address: 0x300,
    });
    const bad = (kind: string, body: string) => parseRequest({ kind: kind.charCodeAt(0), text: body });
    expect(bad('E', ' ')).toBe('E NEEDS AN EXPRESSION');
    expect(bad('R', ' 9 PRINT 1')).toBe('1 TO 8 MACHINES');
    expect(bad('M', ' 0300 A9 2G')).toBe('M NEEDS ADDR AND HEX BYTES');
    expect(bad('M', ' FFFF A9 2A')).toBe('M BYTES PAST $FFFF');
    expect(bad('Z', ' 1')).toMatch(/UNKNOWN REQUEST Z/);
  });

  it('makes valid farm jobs, one per machine with its own seed', () => {
    const jobs = requestJobs(request('M', ' 2 0300 A9 2A 60'), 'b7');
    expect(jobs.map((j) => [j.id, j.seed])).toEqual([
      ['b7-1', 1],
      ['b7-2', 2],
    ]);
    expect(jobs[0]?.binary).toEqual({ address: 0x300, base64: btoa('\xa9\x2a\x60'), start: 0x300 });
    const basic = requestJobs(request('E', ' 6*7'), 'e')[0]!;
    expect(basic).toMatchObject({ basic: '10 PRINT 6*7\r', type: 'RUN\r', settled: true });
    for (const job of [...jobs, basic]) expect(validateJob(job).ok).toBe(true);
  });

  it('answers with what BASIC printed after RUN, one answer when machines agree, one line each when not', () => {
    const screen = (printed: string) => `OSI 6502 BASIC\nOK\nLOAD\n10 PRINT X\nOK\nRUN\n${printed}\nOK`;
    const r = request('R', ' 2 PRINT RND(1)');
    const result = (printed: string) => ({
      id: 'x',
      ok: true,
      reason: 'settled' as const,
      screen: screen(printed),
    });
    expect(answerOf(r, result(' 42'))).toEqual({ ok: true, text: '42' });
    const same = composeAnswer(r, [result(' 42'), result(' 42')]);
    expect(same[0]).toBe(ANSWER_START);
    expect(same[1]).toBe(ANSWER_OK);
    expect(text(same.slice(3, -1))).toBe('ALL 2: 42');
    const differ = composeAnswer(r, [
      result(' .5'),
      { id: 'y', ok: false, reason: 'wall-time', error: 'too slow' },
    ]);
    expect(text(differ.slice(3, -1))).toBe('1:.5\r2:?TOO SLOW');
    const failed = composeAnswer(request('E', ' 1'), [
      { id: 'z', ok: false, reason: 'invalid', error: "this worker's ROM folder has no BASIC ROM" },
    ]);
    expect(failed[1]).toBe(ANSWER_ERROR);
    expect(text(failed.slice(3, -1))).toBe("THIS WORKER'S ROM FOLDER HAS NO BASIC ROM");
  });
});
