// The worker of a switch takes the room changes the API asked for (request-conference-action.ts), each once, with
// what the command needs: the switch's room name and member ids, never tenant text.
import type { ConferenceAction, ConferenceDial } from "@/server/conferences/request-conference-action";
import { db } from "@/server/db";

export interface TakenConferenceRequest {
  id: string;
  conferenceId: string;
  room: string;
  action: ConferenceAction;
  /** The participant's member id (null for `end`, or a participant no longer in the room: nothing to do). */
  memberId: number | null;
  /** coach: the member id of the participant to coach. */
  coachedMemberId: number | null;
  /** coach/uncoach: the other members of the room. */
  otherMemberIds: number[];
  /** kick of a participant not in the room yet (its phone rings): its channel, hung up instead. */
  channelUuid: string | null;
  /** dial: the third party of a consultation. */
  dial: ConferenceDial | null;
}

export async function takeConferenceRequests(input: { switchId: string; limit: number }): Promise<TakenConferenceRequest[]> {
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string; conferenceId: string; callId: string | null; action: ConferenceAction; data: ({ callSidToCoach?: string } & Partial<ConferenceDial>) | null }[]>`
      UPDATE "ConferenceRequest" r SET "takenAt" = now()
      WHERE r.id IN (SELECT id FROM "ConferenceRequest" WHERE "switchId" = ${input.switchId} AND "takenAt" IS NULL ORDER BY "createdAt" LIMIT ${input.limit} FOR UPDATE SKIP LOCKED)
      RETURNING r.id, r."conferenceId", r."callId", r.action, r.data`;
    if (rows.length === 0) return [];
    const conferences = await tx.conference.findMany({
      where: { id: { in: [...new Set(rows.map((r) => r.conferenceId))] } },
      select: { id: true, room: true, participants: { where: { status: "CONNECTED", memberId: { not: null } }, select: { callId: true, memberId: true } } },
    });
    const byId = new Map(conferences.map((c) => [c.id, c]));
    const kicked = rows.filter((r) => r.action === "kick" && r.callId).map((r) => r.callId!);
    const channels = kicked.length ? await tx.call.findMany({ where: { id: { in: kicked } }, select: { id: true, channelUuid: true } }) : [];
    return rows
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .map((r) => {
        const c = byId.get(r.conferenceId)!;
        const member = (callId: string | null | undefined) => c.participants.find((p) => p.callId === callId)?.memberId ?? null;
        const memberId = member(r.callId);
        const coachedMemberId = member(r.data?.callSidToCoach);
        return {
          id: r.id,
          conferenceId: r.conferenceId,
          room: c.room,
          action: r.action,
          memberId,
          coachedMemberId,
          otherMemberIds: c.participants.map((p) => p.memberId!).filter((m) => m !== memberId && m !== coachedMemberId),
          channelUuid: memberId === null ? (channels.find((x) => x.id === r.callId)?.channelUuid ?? null) : null,
          dial: r.action === "dial" && r.data?.callId ? (r.data as ConferenceDial) : null,
        };
      });
  });
}
