/** Thrown by `ConcurrencyLimit.run` when every slot is busy and the queue is full. */
export class BusyError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('Too many sign-ins are being checked at once. Try again in a few seconds.');
    this.name = 'BusyError';
  }
}

export interface ConcurrencyLimit {
  /** Runs `task` when a slot is free, in arrival order; rejects with BusyError at once when the queue is full. */
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Tasks running and waiting now. */
  readonly running: number;
  readonly queued: number;
}

/**
 * At most `concurrency` tasks at a time, up to `queue` more waiting, the rest
 * refused. Password checks run on libuv's thread pool (4 threads by
 * default), which file and DNS work share: a burst of sign-ins limited here
 * keeps threads free for everything else, and a burst beyond the queue is
 * answered at once instead of piling up.
 */
export function createConcurrencyLimit({ concurrency, queue, retryAfterSeconds = 5 }: { concurrency: number; queue: number; retryAfterSeconds?: number }): ConcurrencyLimit {
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    running -= 1;
    const next = waiting.shift();
    if (next) { running += 1; next(); }
  };
  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (running >= concurrency) {
        if (waiting.length >= queue) throw new BusyError(retryAfterSeconds);
        await new Promise<void>((resolve) => { waiting.push(resolve); });
      } else {
        running += 1;
      }
      try {
        return await task();
      } finally {
        release();
      }
    },
    get running() { return running; },
    get queued() { return waiting.length; },
  };
}
