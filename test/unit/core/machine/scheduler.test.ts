import { describe, expect, it } from 'vitest';
import { Scheduler } from '../../../../src-main/core/machine/scheduler.ts';

describe('Scheduler', () => {
  it('fires tasks in cycle order with the cycle they were due at', () => {
    let now = 0;
    const scheduler = new Scheduler(() => now);
    const fired: string[] = [];
    const a = scheduler.addTask('a', (due) => fired.push(`a@${due}`));
    const b = scheduler.addTask('b', (due) => fired.push(`b@${due}`));
    b.schedule(300);
    a.schedule(100);
    expect(scheduler.nextEventCycle).toBe(100);
    now = 250;
    scheduler.runDue(now);
    expect(fired).toEqual(['a@100']);
    expect(scheduler.nextEventCycle).toBe(300);
    scheduler.runDue(310);
    expect(fired).toEqual(['a@100', 'b@300']);
    expect(scheduler.nextEventCycle).toBe(Infinity);
  });

  it('keeps scheduling order for equal cycles and lets callbacks reschedule themselves', () => {
    const scheduler = new Scheduler(() => 0);
    const fired: string[] = [];
    const tick = scheduler.addTask('tick', (due) => {
      fired.push(`tick@${due}`);
      if (due < 30) tick.schedule(due + 10);
    });
    const other = scheduler.addTask('other', (due) => fired.push(`other@${due}`));
    tick.schedule(10);
    other.schedule(10);
    scheduler.runDue(35);
    expect(fired).toEqual(['tick@10', 'other@10', 'tick@20', 'tick@30']);
  });

  it('reschedules and cancels', () => {
    const scheduler = new Scheduler(() => 0);
    const fired: number[] = [];
    const task = scheduler.addTask('t', (due) => fired.push(due));
    task.schedule(50);
    task.schedule(20);
    expect(scheduler.nextEventCycle).toBe(20);
    task.cancel();
    expect(task.scheduled).toBe(false);
    expect(scheduler.nextEventCycle).toBe(Infinity);
    scheduler.runDue(100);
    expect(fired).toEqual([]);
  });

  it('rejects duplicate task names and bad cycles', () => {
    const scheduler = new Scheduler(() => 0);
    const task = scheduler.addTask('x', () => {});
    expect(() => scheduler.addTask('x', () => {})).toThrow(/already exists/);
    expect(() => task.schedule(Number.NaN)).toThrow(/cannot schedule/);
  });
});
