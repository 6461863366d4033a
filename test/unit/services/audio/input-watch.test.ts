import { describe, expect, it } from 'vitest';
import { InputWatch } from '../../../../src-main/services/audio/capture-session.ts';

describe('InputWatch (when a capture says its input stopped delivering)', () => {
  it('calls an input stalled after 2 s without audio while its checks run on time', () => {
    const watch = new InputWatch(0, 2000, 500);
    let stalledAt: number | null = null;
    for (let now = 100; now <= 3000 && stalledAt === null; now += 100)
      if (watch.stalled(now)) stalledAt = now;
    expect(stalledAt).toBe(2100);
  });

  it('is not stalled while audio keeps arriving', () => {
    const watch = new InputWatch(0, 2000, 500);
    for (let now = 100; now <= 10_000; now += 100) {
      if (now % 300 === 0) watch.input(now);
      expect(watch.stalled(now)).toBe(false);
    }
  });

  it('decides nothing on a check that ran late: the audio that came meanwhile is still queued behind it', () => {
    const watch = new InputWatch(0, 2000, 500);
    expect(watch.stalled(100)).toBe(false);
    // The thread was held up for 2.4 s: the check fires before the queued input callbacks run.
    expect(watch.stalled(2500)).toBe(false);
    watch.input(2500);
    expect(watch.stalled(2600)).toBe(false);
    // A real stall is still found once the checks are on time again.
    let stalledAt: number | null = null;
    for (let now = 2700; now <= 6000 && stalledAt === null; now += 100)
      if (watch.stalled(now)) stalledAt = now;
    expect(stalledAt).toBe(4600);
  });
});
