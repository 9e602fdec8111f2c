// What the switch's events will never settle: a participant whose call ended before it joined (a dialled-out
// participant that was not answered, a caller who hung up while joining) or while its worker was down, and a room
// nobody is left in. Workers run this every few seconds (worker/conference-events.ts); it is idempotent.
//   participant not completed, its call final → completed (left when the call ended)
//   room not completed, older than `graceMs`, nobody in it or on their way → completed (conference-end)
import { db } from "@/server/db";
import { FINAL_CALL_STATUSES } from "@/server/calls/call-view";
import { settleConsultations } from "@/server/agents/consult-room-events";
import { notifyConference } from "@/server/conferences/conference-notifications";

export async function settleConferences(input: { now?: Date; graceMs?: number; limit?: number } = {}): Promise<{ participants: number; conferences: number }> {
  const now = input.now ?? new Date();
  const limit = input.limit ?? 200;
  const finals = [...FINAL_CALL_STATUSES];
  return db.$transaction(async (tx) => {
    const participants = await tx.$executeRaw`
      UPDATE "ConferenceParticipant" p SET status = 'COMPLETED', "memberId" = NULL, "leftAt" = COALESCE(c."endedAt", ${now}), "updatedAt" = ${now}
      FROM "Call" c
      WHERE p."callId" = c.id AND p.status <> 'COMPLETED' AND c.status::text = ANY(${finals}::text[])`;
    await settleConsultations(tx);
    const abandoned = await tx.$queryRaw<{ id: string }[]>`
      SELECT r.id FROM "Conference" r
      WHERE r.status <> 'COMPLETED' AND r."createdAt" < ${new Date(now.getTime() - (input.graceMs ?? 30_000))}
        AND NOT EXISTS (SELECT 1 FROM "ConferenceParticipant" p WHERE p."conferenceId" = r.id AND p.status <> 'COMPLETED')
      ORDER BY r."createdAt" LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
    for (const { id } of abandoned) {
      const row = await tx.conference.findUniqueOrThrow({ where: { id } });
      const ended = await tx.conference.update({ where: { id }, data: { status: "COMPLETED", endedAt: now, reasonEnded: row.reasonEnded ?? "last-participant-left" } });
      await notifyConference(tx, { conference: ended, event: "conference-end", at: now });
    }
    return { participants, conferences: abandoned.length };
  });
}
