/**
 * A task that fires at an absolute CPU cycle. Callbacks receive the cycle they were due at (not the slightly
 * later cycle at which the instruction boundary fell), so periodic work can reschedule without drift.
 */
export class ScheduledTask {
  readonly name: string;
  readonly callback: (dueCycle: number) => void;
  /** Due cycle, or -1 when not scheduled. */
  at = -1;
  private readonly scheduler: Scheduler;

  constructor(scheduler: Scheduler, name: string, callback: (dueCycle: number) => void) {
    this.scheduler = scheduler;
    this.name = name;
    this.callback = callback;
  }

  get scheduled(): boolean {
    return this.at >= 0;
  }

  schedule(atCycle: number): void {
    this.scheduler.insert(this, atCycle);
  }

  cancel(): void {
    this.scheduler.remove(this);
  }
}

/**
 * Cycle scheduler in the jsbeeb style: devices schedule work at absolute CPU cycles and the machine runs the
 * CPU flat out up to `nextEventCycle`, then calls `runDue`. The clock is the CPU's cycle counter. Devices keep
 * their own tasks' due cycles in their saved state and reschedule them on load.
 */
export class Scheduler {
  /** Cycle of the earliest task, Infinity when none is scheduled. */
  nextEventCycle = Infinity;
  private readonly clock: () => number;
  private readonly queue: ScheduledTask[] = [];
  private readonly tasks = new Map<string, ScheduledTask>();

  constructor(clock: () => number) {
    this.clock = clock;
  }

  now(): number {
    return this.clock();
  }

  /** Registers a named task (names identify tasks in saved state). */
  addTask(name: string, callback: (dueCycle: number) => void): ScheduledTask {
    if (this.tasks.has(name)) throw new Error(`scheduler task "${name}" already exists`);
    const task = new ScheduledTask(this, name, callback);
    this.tasks.set(name, task);
    return task;
  }

  /** Fires every task due at or before `now`, earliest first; tasks scheduled by callbacks fire too if due. */
  runDue(now: number): void {
    while (this.nextEventCycle <= now) {
      const task = this.queue.shift();
      if (task === undefined) break;
      const due = task.at;
      task.at = -1;
      this.nextEventCycle = this.queue[0]?.at ?? Infinity;
      task.callback(due);
    }
  }

  insert(task: ScheduledTask, atCycle: number): void {
    if (!Number.isFinite(atCycle) || atCycle < 0)
      throw new Error(`cannot schedule "${task.name}" at ${atCycle}`);
    if (task.at >= 0) this.remove(task);
    task.at = atCycle;
    // Equal times keep insertion order, so simultaneous events fire in the order they were scheduled.
    let index = this.queue.length;
    while (index > 0 && (this.queue[index - 1]?.at ?? 0) > atCycle) index--;
    this.queue.splice(index, 0, task);
    this.nextEventCycle = this.queue[0]?.at ?? Infinity;
  }

  remove(task: ScheduledTask): void {
    if (task.at < 0) return;
    const index = this.queue.indexOf(task);
    if (index >= 0) this.queue.splice(index, 1);
    task.at = -1;
    this.nextEventCycle = this.queue[0]?.at ?? Infinity;
  }
}
