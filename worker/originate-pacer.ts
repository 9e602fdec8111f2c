// Paces this worker's originates below its switch's sessions-per-second (switch.conf.xml; stock 30), across all
// tenants together: FreeSWITCH refuses a session over that budget with "[CRIT] Throttle Error!" and the originate
// fails (-ERR DESTINATION_OUT_OF_ORDER) although nothing is wrong with the call. Tenants' own calls-per-second are
// the claim's business (claim-queued-calls.ts); this is the switch's.
//
// The rate is a share of the limit the switch reports (`fsctl sps`, read at every link-up), leaving the rest for
// inbound calls, which spend the same budget; WORKER_ORIGINATES_PER_SECOND overrides it. Originates get evenly
// spaced slots, so no second of the switch's own clock sees more than the rate, whatever its phase.

/** The share of the switch's sessions-per-second outbound calls may use; the rest is headroom for inbound. */
export const OUTBOUND_SHARE = 0.8;

export function originateRateFor(switchSessionsPerSecond: number, override?: number): number {
  if (override !== undefined && override > 0) return override;
  return Math.max(1, Math.floor(switchSessionsPerSecond * OUTBOUND_SHARE));
}

/** `+OK sessions per second: 30` (fsctl sps), or null. */
export function parseSessionsPerSecond(reply: string): number | null {
  const match = /sessions per second:\s*(\d+)/i.exec(reply);
  return match ? Number(match[1]) : null;
}

export class OriginatePacer {
  private nextSlotAt = 0;
  private intervalMs: number;

  constructor(
    private rate: number,
    private readonly now: () => number = Date.now,
  ) {
    this.intervalMs = 1000 / rate;
  }

  get perSecond(): number {
    return this.rate;
  }

  setRate(rate: number): void {
    this.rate = rate;
    this.intervalMs = 1000 / rate;
  }

  /** How many slots start within the next `horizonMs` (how many calls are worth claiming now). */
  slotsWithin(horizonMs: number): number {
    const now = this.now();
    const first = Math.max(now, this.nextSlotAt);
    if (first > now + horizonMs) return 0;
    return Math.floor((now + horizonMs - first) / this.intervalMs) + 1;
  }

  /** Takes the next slot; resolves when it starts. */
  async acquire(): Promise<void> {
    const now = this.now();
    const at = Math.max(now, this.nextSlotAt);
    this.nextSlotAt = at + this.intervalMs;
    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
  }

  /** Nothing may start before `until` (the switch throttled us anyway: inbound calls spent the budget). */
  holdUntil(until: number): void {
    this.nextSlotAt = Math.max(this.nextSlotAt, until);
  }
}
