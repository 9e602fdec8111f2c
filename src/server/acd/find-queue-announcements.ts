// What a caller waiting on hold music is told every announceEverySeconds of their queue: their place in line and an
// estimated wait. The estimate is the simple staffing model contact centres announce (and Amazon Connect's "estimated
// wait" approximates): place × average handle time ÷ agents logged in to the queue, the handle time averaged over the
// queue's last 50 answered calls (three minutes until it has any). Nothing for callers of queues that announce nothing.
// A place counts the callbacks waiting ahead (callers who pressed 1 keep theirs); a queue that offers callbacks says so.
import { db } from "@/server/db";

const DEFAULT_HANDLE_SECONDS = 180;

export interface QueueAnnouncement {
  callId: string;
  everySeconds: number;
  enqueuedAt: Date;
  position: number;
  estimatedWaitSeconds: number;
  callbackOffer: boolean;
}

export async function findQueueAnnouncements(input: { callIds: string[] }): Promise<QueueAnnouncement[]> {
  if (input.callIds.length === 0) return [];
  return db.$queryRaw<QueueAnnouncement[]>`
    WITH waiting AS (
      SELECT m."callId", m."queueId", m."enqueuedAt", q."announceEverySeconds" AS "everySeconds", q."callbackOffer",
        (SELECT count(*)::int FROM "QueueMember" o WHERE o."queueId" = m."queueId" AND o.position <= m.position)
          + (SELECT count(*)::int FROM "QueueCallback" c WHERE c."queueId" = m."queueId" AND c.status IN ('pending', 'offered') AND c."enqueuedAt" < m."enqueuedAt") AS position
      FROM "QueueMember" m JOIN "CallQueue" q ON q.id = m."queueId"
      WHERE m."callId" = ANY(${input.callIds}::text[]) AND m."offeredAgentId" IS NULL AND q."announceEverySeconds" IS NOT NULL
    ), staffing AS (
      SELECT w."queueId",
        COALESCE((SELECT avg(h."handleSeconds") FROM (SELECT "handleSeconds" FROM "QueueOutcome" o
                   WHERE o."queueId" = w."queueId" AND o.result = 'answered' AND o."handleSeconds" > 0 ORDER BY o."endedAt" DESC LIMIT 50) h), ${DEFAULT_HANDLE_SECONDS}) AS aht,
        (SELECT count(*) FROM "QueueAgent" qa JOIN "Agent" a ON a.id = qa."agentId"
          WHERE qa."queueId" = w."queueId" AND a.state IN ('AVAILABLE', 'RINGING', 'ON_CALL', 'WRAP_UP')) AS agents
      FROM (SELECT DISTINCT "queueId" FROM waiting) w
    )
    SELECT w."callId", w."everySeconds", w."enqueuedAt", w.position, w."callbackOffer",
      ceil(w.position * s.aht / GREATEST(1, s.agents))::int AS "estimatedWaitSeconds"
    FROM waiting w JOIN staffing s ON s."queueId" = w."queueId"`;
}

/** The words said: place in line and the estimate in minutes, as callers hear it. */
export function announcementText(a: { position: number; estimatedWaitSeconds: number; callbackOffer?: boolean }): string {
  const place = a.position <= 1 ? "You are next in line." : `You are number ${a.position} in line.`;
  const minutes = Math.ceil(a.estimatedWaitSeconds / 60);
  const wait = a.estimatedWaitSeconds < 60 ? "less than a minute" : minutes === 1 ? "about one minute" : `about ${minutes} minutes`;
  const callback = a.callbackOffer ? " Press 1 to be called back, keeping your place in line." : "";
  return `${place} Your estimated wait is ${wait}.${callback} Thank you for holding.`;
}
