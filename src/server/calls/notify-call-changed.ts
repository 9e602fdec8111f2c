// The write side of live call status: `NOTIFY irisx_call_changed, '<tenantId>:<callId>:<STATUS>'` for every change
// of a call, after its transaction committed (callTransaction in call-transitions.ts hands the changes over at
// commit; a rolled-back change is never announced). call-change-feed.ts (portal) and the worker's originator are
// the listeners.
//
// The NOTIFYs are sent from here, batched, outside the changing transactions, on purpose: PostgreSQL serializes
// the commits of every transaction that issued NOTIFY behind one database-wide lock held through the commit's WAL
// flush, so a NOTIFY inside each call transaction made the API's and the worker's commits queue behind each other
// (`Lock:object` waits under load). A transaction with only NOTIFYs writes no WAL and commits in microseconds.
// A notification is a wake-up, never the record: a process that dies between a commit and the flush (a few ms)
// loses the wake-up, not the change; the worker also polls and the portal resyncs on reconnect.
import type { CallStatus } from "@/generated/prisma/client";
import { sqlPool } from "@/server/db";
import { logger } from "@/server/logger";
import { processState } from "@/server/shared/process-state";
import { onShutdown } from "@/server/shutdown";

export const CALL_CHANGED_CHANNEL = "irisx_call_changed";

export interface CallChange {
  tenantId: string;
  callId: string;
  status: CallStatus;
}

export function encodeCallChange(change: CallChange): string {
  return `${change.tenantId}:${change.callId}:${change.status}`;
}

/** The inverse of encodeCallChange; null for anything else (the channel is shared, so be strict). */
export function decodeCallChange(payload: string): CallChange | null {
  const match = /^([^:]+):(CA[0-9a-f]{32}):([A-Z_]+)$/.exec(payload);
  return match ? { tenantId: match[1]!, callId: match[2]!, status: match[3] as CallStatus } : null;
}

/**
 * Changes announced within this window go out in one statement. At 300 calls placed a second a 2 ms window still
 * meant a NOTIFY statement for nearly every call; 10 ms batches them and adds at most that to a worker's wake-up.
 */
const FLUSH_DELAY_MS = 10;
/** Most notifications per statement. */
const FLUSH_BATCH = 1000;
const NOTIFY_SQL = `SELECT pg_notify($1, payload) FROM unnest($2::text[]) AS payload`;

class CallChangeAnnouncer {
  private queue: string[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  announce(changes: readonly CallChange[]): void {
    for (const change of changes) this.queue.push(encodeCallChange(change));
    if (this.queue.length > 0) this.timer ??= setTimeout(() => void this.flush(), FLUSH_DELAY_MS);
  }

  /** Sends what is queued, after any flush in progress (so the order of announcements is kept). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.flushing = this.flushing.then(async () => {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, FLUSH_BATCH);
        try {
          await sqlPool().query({ name: "irisx.notifyCallsChanged", text: NOTIFY_SQL, values: [CALL_CHANGED_CHANNEL, batch] });
        } catch (err) {
          logger.warn({ err, dropped: batch.length }, "could not announce call changes; listeners catch up by polling or resync");
        }
      }
    });
    return this.flushing;
  }
}

const announcer = () =>
  processState("calls.changeAnnouncer", () => {
    const created = new CallChangeAnnouncer();
    onShutdown("call-change-announcer", () => created.flush());
    return created;
  });

/** Announces committed changes (call only after the commit). Returns at once; the NOTIFY follows within ms. */
export function announceCallChanges(changes: readonly CallChange[]): void {
  if (changes.length > 0) announcer().announce(changes);
}

/** Sends every announced change now and waits for it (tests, shutdown). */
export function flushCallChanges(): Promise<void> {
  return announcer().flush();
}
