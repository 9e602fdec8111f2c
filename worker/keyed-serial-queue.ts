// Per-key ordering with cross-key concurrency: the events of one call run one after another, in the order
// they arrived, while different calls run side by side. A task that throws is logged by the caller's
// onError and does not break the chain for later tasks of the same key.

export interface KeyedSerialQueueOptions {
  onError: (key: string, err: unknown) => void;
}

export class KeyedSerialQueue {
  private readonly tails = new Map<string, Promise<void>>();
  private pendingCount = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly opts: KeyedSerialQueueOptions) {}

  /** Runs `task` after every task queued earlier under `key`. Resolves when this task has finished. */
  push(key: string, task: () => Promise<void> | void): Promise<void> {
    this.pendingCount++;
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(task).catch((err: unknown) => this.opts.onError(key, err));
    const tail = next.finally(() => {
      this.pendingCount--;
      // The map only keeps keys with work still queued, so 100k finished calls leave nothing behind.
      if (this.tails.get(key) === tail) this.tails.delete(key);
      if (this.pendingCount === 0) {
        const waiters = this.idleWaiters;
        this.idleWaiters = [];
        for (const w of waiters) w();
      }
    });
    this.tails.set(key, tail);
    return tail;
  }

  /** Tasks queued or running, over all keys. */
  get pending(): number {
    return this.pendingCount;
  }

  /** Keys with work queued or running. */
  get activeKeys(): number {
    return this.tails.size;
  }

  /** Resolves once nothing is queued or running. */
  onIdle(): Promise<void> {
    if (this.pendingCount === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }
}
