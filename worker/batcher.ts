// Coalesces one-at-a-time database work into batches. A busy switch reports hundreds of ringing, answer and
// hang-up events a second; applied one transaction each, the worker spends its time on round trips (and most of
// its CPU in the driver). Here a request waits only while the previous batch is in flight, then goes with
// everything that arrived meanwhile: an idle worker applies an event at once, a busy one in ever larger batches.
// Per-call order is the caller's: a call's next event is submitted only after its previous one settled.

/** One input's outcome: a batch settles each input on its own. */
export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

export class Batcher<I, R> {
  private queue: { item: I; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  private running = false;
  batches = 0;
  items = 0;
  largest = 0;

  constructor(
    private readonly runBatch: (items: I[]) => Promise<Settled<R>[]>,
    private readonly maxBatch: number,
  ) {}

  submit(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.running) void this.pump();
    });
  }

  get pending(): number {
    return this.queue.length;
  }

  private async pump(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0) {
        // Work submitted in the same turn of the event loop (one ESL read carries many events) joins this batch.
        await new Promise((r) => setImmediate(r));
        const batch = this.queue.splice(0, this.maxBatch);
        this.batches++;
        this.items += batch.length;
        this.largest = Math.max(this.largest, batch.length);
        let outcomes: Settled<R>[];
        try {
          outcomes = await this.runBatch(batch.map((b) => b.item));
        } catch (err) {
          // The whole batch failed (after the port's retries): each input alone, so one bad input fails alone.
          if (batch.length === 1) outcomes = [{ ok: false, error: err }];
          else {
            outcomes = [];
            for (const b of batch) outcomes.push(...(await this.runBatch([b.item]).catch((error: unknown) => [{ ok: false as const, error }])));
          }
        }
        batch.forEach((b, i) => {
          const outcome = outcomes[i] ?? { ok: false, error: new Error("batch returned no outcome for this input") };
          if (outcome.ok) b.resolve(outcome.value);
          else b.reject(outcome.error);
        });
      }
    } finally {
      this.running = false;
    }
  }

  health(): Record<string, number> {
    return { batches: this.batches, items: this.items, largest: this.largest, pending: this.queue.length };
  }
}
