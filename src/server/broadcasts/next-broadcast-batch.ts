// The next request's recipients for a broadcast. A batch left in flight comes first, exactly as it was (same members,
// same key, same mails), so repeating it after a crash or a failed attempt is a repeat the provider recognises and
// does not send again. Otherwise up to `size` queued recipients are claimed under a new key.
import { renderBroadcastEmail } from "@/server/broadcasts/render-broadcast";
import { db } from "@/server/db";
import type { BatchEmail } from "@/server/email/send-email-batch";
import { newId } from "@/server/shared/ids";
import { sqlUtc } from "@/server/shared/sql-utc";

export interface BroadcastBatch {
  broadcastId: string;
  /** The provider request's Idempotency-Key. */
  key: string;
  subject: string;
  bodyMarkdown: string;
  /** In id order: the same order on every repeat. */
  recipients: { id: string; email: string; userName: string; tenantName: string; attempts: number }[];
}

const RECIPIENT = { id: true, email: true, userName: true, tenantName: true, attempts: true } as const;

export async function nextBroadcastBatch(broadcastId: string, size: number, opts: { now?: Date } = {}): Promise<BroadcastBatch | null> {
  const broadcast = await db.broadcast.findUnique({ where: { id: broadcastId }, select: { subject: true, bodyMarkdown: true } });
  if (!broadcast) return null;
  const inFlight = await db.broadcastRecipient.findFirst({ where: { broadcastId, status: "SENDING" }, orderBy: { id: "asc" }, select: { batchKey: true } });
  if (inFlight?.batchKey) {
    const recipients = await db.broadcastRecipient.findMany({ where: { broadcastId, status: "SENDING", batchKey: inFlight.batchKey }, orderBy: { id: "asc" }, select: RECIPIENT });
    return { broadcastId, key: inFlight.batchKey, ...broadcast, recipients };
  }
  const key = `broadcast/${broadcastId}/${newId("bb")}`;
  const now = opts.now ?? new Date();
  // Only while the broadcast is SENDING: a cancel committed first leaves nothing QUEUED, one committed after waits
  // for these rows and finds them SENDING (they go out, as a request already under way would).
  const claimed = await db.$queryRaw<{ id: string }[]>`
    WITH picked AS (
      SELECT r.id FROM "BroadcastRecipient" r JOIN "Broadcast" b ON b.id = r."broadcastId"
      WHERE r."broadcastId" = ${broadcastId} AND r.status = 'QUEUED' AND b.status = 'SENDING'
      ORDER BY r.id LIMIT ${size}
      FOR UPDATE OF r SKIP LOCKED
    )
    UPDATE "BroadcastRecipient" r SET status = 'SENDING', "batchKey" = ${key}, "updatedAt" = ${sqlUtc(now)}
    FROM picked WHERE r.id = picked.id
    RETURNING r.id`;
  if (claimed.length === 0) return null;
  const recipients = await db.broadcastRecipient.findMany({ where: { id: { in: claimed.map((c) => c.id) } }, orderBy: { id: "asc" }, select: RECIPIENT });
  return { broadcastId, key, ...broadcast, recipients };
}

/** The batch's mails, rendered from the recipients' saved names: byte for byte the same on every repeat. */
export function batchEmails(batch: BroadcastBatch): BatchEmail[] {
  return batch.recipients.map((r) => ({ key: r.id, to: r.email, ...renderBroadcastEmail(batch, r) }));
}
