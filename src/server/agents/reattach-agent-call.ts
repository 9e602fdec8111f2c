// A reloaded desktop gets its call back. The page's WebRTC leg died with the page (its WebSocket went, and the switch
// would notice only when the media timed out, minutes later); the caller is still there. The call moves into its
// room (consult-agent-call.ts's `consult-<call id>`): the caller's session runs the room's conference, the dead leg is
// hung up without ending the agent's part (a redirect with keepAgentOffer), and the agent's line is dialled into the
// room with X-IRISX-Reattach, which the softphone answers by itself. A call already in its room (a consultation
// before) has the agent's old member kicked instead. The agent stays on the call throughout; the new leg is their
// leg in the room (a CallConsult of kind reattach), so consultations and transfers go on from it.
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { AGENT_ROLE } from "@/server/agents/agent-view";
import { consultRoomName, CONSULT_RING_SECONDS, createThirdPartyLeg, openCallRoom, roomDocument } from "@/server/agents/consult-agent-call";
import { agentCallOf, OPEN_CONSULT_STATUSES } from "@/server/agents/consult-room-events";
import { callTransaction } from "@/server/calls/call-transitions";
import { requestCallRedirect } from "@/server/calls/redirect-call";
import { requestConferenceAction, type ConferenceDial } from "@/server/conferences/request-conference-action";
import { newId } from "@/server/shared/ids";
import { assertRole, type Actor } from "@/server/tenancy";

export async function reattachAgentCall(actor: Actor): Promise<{ callId: string; legId: string }> {
  assertRole(actor, AGENT_ROLE);
  if (!actor.userId) throw new AppError("FORBIDDEN", "only a signed-in member is an agent");
  const tenantId = actor.tenantId;
  const me = await db.agent.findFirst({ where: { tenantId, userId: actor.userId }, select: { id: true, state: true, currentCallId: true } });
  if (!me || me.state !== "ON_CALL" || !me.currentCallId) throw new AppError("CONFLICT", "you are not on a call: there is nothing to get back");
  const lines = await db.sipUser.findMany({ where: { tenantId, userId: actor.userId, enabled: true }, orderBy: { createdAt: "asc" }, select: { username: true, domain: true } });
  if (lines.length === 0) throw new AppError("CONFLICT", "you have no phone line");
  const mine = lines.map((l) => `client:${l.username}`);
  // The agent's current call may be a leg they took over in a room (a consultation's, an earlier re-attach).
  const { handedOver } = await agentCallOf(db, tenantId, me.currentCallId);
  const call = await db.call.findFirst({ where: { id: handedOver?.callId ?? me.currentCallId, tenantId }, select: { id: true, status: true, from: true, to: true, direction: true, switchId: true, currency: true, apiSurface: true } });
  if (!call || call.status !== "IN_PROGRESS" || !call.switchId) throw new AppError("CONFLICT", "the call has ended");
  if (mine.includes(call.from)) throw new AppError("CONFLICT", "a call you placed ends with your page: place it again");
  const earlier = handedOver ?? (await db.callConsult.findFirst({ where: { tenantId, callId: call.id }, orderBy: { createdAt: "desc" } }));
  if (earlier && OPEN_CONSULT_STATUSES.includes(earlier.status) && earlier.byAgentId === me.id) throw new AppError("CONFLICT", "finish your consultation first");
  const friendlyName = consultRoomName(call.id);
  const room = earlier ? await db.conference.findFirst({ where: { id: earlier.conferenceId, status: { not: "COMPLETED" } }, select: { id: true } }) : null;
  // The agent's old leg: their member in the room, or the leg of theirs bridged to the caller.
  const oldLeg = room ? (earlier!.customerCallId === call.id ? (handedOver?.targetCallId ?? earlier!.agentCallId) : null) : null;
  // Only a leg the switch still has (a reloaded page's: the switch notices a dead WebRTC leg only when its media times
  // out) is given back; the agent's leg ended (they hung up, or were transferred away) means their part is over.
  const liveLeg = room
    ? oldLeg && (await db.call.findFirst({ where: { id: oldLeg, tenantId, status: "IN_PROGRESS" }, select: { id: true } }))
    : await db.call.findFirst({ where: { parentCallId: call.id, tenantId, to: { in: mine }, status: "IN_PROGRESS" }, select: { id: true } });
  if (!liveLeg) throw new AppError("CONFLICT", "your part of the call has ended");
  const customerNumber = call.direction === "INBOUND" ? call.from : call.to;
  const switchId = call.switchId;
  return callTransaction(async (tx) => {
    const conference = await openCallRoom(tx, tenantId, friendlyName, switchId);
    const leg = await createThirdPartyLeg(tx, { tenantId, parentCallId: call.id, switchId, from: customerNumber, to: mine[0]!, currency: call.currency, apiSurface: call.apiSurface });
    await tx.conferenceParticipant.create({ data: { id: newId("cfp"), tenantId, conferenceId: conference.id, callId: leg.id, label: "agent", status: "CONNECTING", startConferenceOnEnter: true, endConferenceOnExit: false } });
    await tx.callConsult.create({
      data: { id: newId("cst"), tenantId, callId: call.id, conferenceId: conference.id, byAgentId: me.id, agentCallId: leg.id, customerCallId: call.id, targetKind: "reattach", targetAgentId: null, targetLabel: "reattach", targetCallId: leg.id, status: "completed", endedAt: new Date() },
    });
    if (room) {
      if (oldLeg) await requestConferenceAction(tx, { tenantId, conferenceId: conference.id, switchId, callId: oldLeg, action: "kick" });
    } else {
      await requestCallRedirect(tx, actor, call.id, { ...roomDocument(friendlyName, true), keepAgentOffer: true }, { reattach: { byAgentId: me.id } });
    }
    // The softphone's line is the member's first (get-softphone-credentials.ts): a desk phone of theirs is not rung.
    const data: ConferenceDial = { callId: leg.id, channelUuid: leg.channelUuid, tenantId, conference: friendlyName, callerIdNumber: customerNumber, ringSeconds: CONSULT_RING_SECONDS, lines: [lines[0]!], reattachCallId: call.id };
    await requestConferenceAction(tx, { tenantId, conferenceId: conference.id, switchId, callId: leg.id, action: "dial", data: data as unknown as Record<string, unknown> });
    return { callId: call.id, legId: leg.id };
  });
}
