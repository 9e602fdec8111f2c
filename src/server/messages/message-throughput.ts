// How fast messages may leave: each sender number has a segment rate by its kind (carrier defaults as Twilio documents
// them: a long code 1 segment/s, a toll-free number 3, a short code 100), or its own figure (PhoneNumber.
// messagingSegmentsPerSecond), and each tenant a message rate over all its senders (Tenant.messagesPerSecond).
// The pacer reserves slots on both and says when a message may start: the sender schedules it then.

export const LONG_CODE_SEGMENTS_PER_SECOND = 1;
export const TOLL_FREE_SEGMENTS_PER_SECOND = 3;
export const SHORT_CODE_SEGMENTS_PER_SECOND = 100;

const NANP_TOLL_FREE = /^\+18(00|33|44|55|66|77|88)\d{7}$/;
const SHORT_CODE = /^\d{3,8}$/;

export type SenderKind = "long_code" | "toll_free" | "short_code";

export function senderKind(address: string): SenderKind {
  if (SHORT_CODE.test(address)) return "short_code";
  if (NANP_TOLL_FREE.test(address)) return "toll_free";
  return "long_code";
}

export function senderSegmentsPerSecond(address: string, override: number | null | undefined): number {
  if (override && override > 0) return override;
  const kind = senderKind(address);
  return kind === "short_code" ? SHORT_CODE_SEGMENTS_PER_SECOND : kind === "toll_free" ? TOLL_FREE_SEGMENTS_PER_SECOND : LONG_CODE_SEGMENTS_PER_SECOND;
}

/**
 * Slots on named rates, in milliseconds. `reserve` books a message on its sender (its segments at the sender's rate)
 * and its tenant (one message at the tenant's rate) at the earliest time both are free, and returns that time. State
 * is this process's: one sender runs at a time (the sender's advisory lock), and a message's booked time is stored
 * on it (nextAttemptAt), so a new sender after a restart never starts one early.
 */
export class ThroughputPacer {
  private readonly freeAt = new Map<string, number>();
  /** Messages booked for a later slot: when they come due they go, without booking again. */
  private readonly booked = new Map<string, number>();

  /** The slot booked earlier for this message, if any (and forgets it). */
  takeBooking(id: string): number | null {
    const at = this.booked.get(id);
    if (at === undefined) return null;
    this.booked.delete(id);
    return at;
  }

  reserve(input: { id?: string; sender: string; senderRate: number; segments: number; tenant: string; tenantRate: number; now: number }): number {
    const senderKey = `s:${input.tenant}:${input.sender}`;
    const tenantKey = `t:${input.tenant}`;
    const start = Math.max(input.now, this.freeAt.get(senderKey) ?? 0, this.freeAt.get(tenantKey) ?? 0);
    this.freeAt.set(senderKey, start + (Math.max(1, input.segments) * 1000) / input.senderRate);
    this.freeAt.set(tenantKey, start + 1000 / input.tenantRate);
    if (input.id !== undefined && start > input.now) this.booked.set(input.id, start);
    return start;
  }

  /** Forgets slots long past, so the map stays the size of the senders active lately. */
  prune(now: number): void {
    for (const [key, at] of this.freeAt) if (at < now - 60_000) this.freeAt.delete(key);
    for (const [id, at] of this.booked) if (at < now - 10 * 60_000) this.booked.delete(id);
  }
}
