// An attended transfer's consultation, or a third party added to the agent's call (Twilio Flex's warm transfer and
// add-participant, done the same way: in a conference). The call's two legs, the customer's and the agent's, move
// into a room of their own, `consult-<call id>`, without either being hung up: the call's session runs the room's
// <Dial><Conference> and the leg bridged to it is sent there by the switch (a redirect with `bridgedLegTo`). The
// third party, an agent's line or a number, is dialled into the room as a child call of the call:
//   consult    → the customer waits on hold in the room while the agent and the third party talk;
//   conference → nobody is held: the three talk.
// finish-consult.ts completes (the agent leaves), cancels (the third party is hung up) or turns a consultation into a
// conference; consult-room-events.ts follows the room (who joined, who left) and moves the agents' states.
// A call already in its room (a consultation cancelled) takes the next third party in the same room.
import { randomUUID } from "node:crypto";
import type { Call, Conference } from "@/generated/prisma/client";
import { db, type Tx } from "@/server/db";
import { AppError } from "@/server/errors";
import { AGENT_ROLE } from "@/server/agents/agent-view";
import { ZConsultCallInput, type TConsultCallInput } from "@/server/agents/agents.schemas";
import { transferCallerId } from "@/server/agents/find-agent-caller-ids";
import { agentCallOf, OPEN_CONSULT_STATUSES } from "@/server/agents/consult-room-events";
import { setAgentState } from "@/server/agents/set-agent-state";
import { callTransaction, writeCallTransitions } from "@/server/calls/call-transitions";
import { CALL_VIEW_INCLUDE, toCallView } from "@/server/calls/call-view";
import { requestCallRedirect } from "@/server/calls/redirect-call";
import { conferenceRoom } from "@/server/conferences/conference-room";
import { lockOpenConference } from "@/server/conferences/join-conference";
import { requestConferenceAction, type ConferenceDial } from "@/server/conferences/request-conference-action";
import { newId, newSid } from "@/server/shared/ids";
import { parseVoiceDocument } from "@/server/voice-documents/parse-voice-document";
import type { TVoiceDocument } from "@/server/voice-documents/voice-document.schemas";
import { assertRole, type Actor } from "@/server/tenancy";

/** How long the third party's phone rings. */
export const CONSULT_RING_SECONDS = 30;

export interface ConsultResult {
  consultId: string;
  status: "consulting" | "conference";
  target: { kind: "agent" | "number"; id: string | null; label: string };
}

export function consultRoomName(callId: string): string {
  return `consult-${callId}`;
}

export async function consultAgentCall(actor: Actor, rawInput: TConsultCallInput): Promise<ConsultResult> {
  assertRole(actor, AGENT_ROLE);
  if (!actor.userId) throw new AppError("FORBIDDEN", "only a signed-in member is an agent");
  const { target, mode } = ZConsultCallInput.parse(rawInput);
  const me = await db.agent.findFirst({
    where: { tenantId: actor.tenantId, userId: actor.userId },
    select: { id: true, state: true, currentCallId: true },
  });
  // Another tenant's agent reads as not found, whatever the state of the caller's own call.
  if (target.kind === "agent" && !(await db.agent.findFirst({ where: { id: target.agentId, tenantId: actor.tenantId }, select: { id: true } }))) throw new AppError("NOT_FOUND", "agent not found");
  if (!me || me.state !== "ON_CALL" || !me.currentCallId) throw new AppError("CONFLICT", "you are not on a call: there is nobody to consult about");
  const { handedOver } = await agentCallOf(db, actor.tenantId, me.currentCallId);
  const call = await db.call.findFirst({ where: { id: handedOver?.callId ?? me.currentCallId, tenantId: actor.tenantId }, select: { id: true, status: true, from: true, to: true, direction: true, switchId: true, currency: true, apiSurface: true } });
  if (!call || call.status !== "IN_PROGRESS" || !call.switchId) throw new AppError("CONFLICT", "the call is not in progress");
  const open = await db.callConsult.findFirst({ where: { tenantId: actor.tenantId, OR: [{ callId: call.id }, { byAgentId: me.id }], status: { in: OPEN_CONSULT_STATUSES } }, select: { id: true } });
  if (open) throw new AppError("CONFLICT", "a consultation is going on already: complete or cancel it first");

  const mine = await db.sipUser.findMany({ where: { tenantId: actor.tenantId, userId: actor.userId }, select: { username: true } });
  const myLines = new Set(mine.map((l) => `client:${l.username}`));
  const friendlyName = consultRoomName(call.id);
  // A call whose consultation was cancelled is in its room already, the legs with it; so is one the agent took over
  // from a consultation (their leg is the consultation's third party).
  const earlier = handedOver ?? (await db.callConsult.findFirst({ where: { tenantId: actor.tenantId, callId: call.id }, orderBy: { createdAt: "desc" } }));
  const room = earlier ? await db.conference.findFirst({ where: { id: earlier.conferenceId, status: { not: "COMPLETED" } }, select: { id: true } }) : null;
  let legs: { agentCallId: string; customerCallId: string; customerIsCall: boolean };
  if (handedOver && !room) {
    throw new AppError("CONFLICT", "the call is not in progress");
  } else if (earlier && room) {
    legs = { agentCallId: handedOver ? me.currentCallId : earlier.agentCallId, customerCallId: earlier.customerCallId, customerIsCall: earlier.customerCallId === call.id };
  } else {
    const bridged = await db.call.findFirst({ where: { parentCallId: call.id, tenantId: actor.tenantId, status: "IN_PROGRESS" }, orderBy: { answeredAt: "desc" }, select: { id: true, to: true } });
    if (!bridged) throw new AppError("CONFLICT", "the call is not connected to anyone yet");
    // The caller's call rang the agent's line (the ACD, a direct call), or the agent called out from their line.
    if (myLines.has(bridged.to)) legs = { agentCallId: bridged.id, customerCallId: call.id, customerIsCall: true };
    else if (myLines.has(call.from)) legs = { agentCallId: call.id, customerCallId: bridged.id, customerIsCall: false };
    else throw new AppError("CONFLICT", "this call is not on your line");
  }
  const customer = await db.call.findFirst({ where: { id: legs.customerCallId }, select: { from: true, to: true, direction: true } });
  const customerNumber = (legs.customerIsCall ? customer?.from : customer?.to) ?? call.from;

  let dial: Omit<ConferenceDial, "callId" | "channelUuid" | "tenantId" | "conference" | "ringSeconds">;
  let described: ConsultResult["target"];
  let targetAgentId: string | null = null;
  if (target.kind === "agent") {
    const other = await db.agent.findFirst({ where: { id: target.agentId, tenantId: actor.tenantId }, select: { id: true, state: true, registered: true, userId: true, user: { select: { name: true, email: true } } } });
    if (!other) throw new AppError("NOT_FOUND", "agent not found");
    const name = other.user.name || other.user.email;
    if (other.id === me.id) throw new AppError("VALIDATION_FAILED", "target.agentId: that is you: choose another agent", { details: { fieldErrors: { "target.agentId": ["that is you: choose another agent"] } } });
    if (other.state === "OFFLINE" || !other.registered) throw new AppError("CONFLICT", `${name} is offline: their phone cannot take the call`);
    if (other.state !== "AVAILABLE") throw new AppError("CONFLICT", `${name} is busy (${other.state.toLowerCase().replace("_", " ")}): try when they are available`);
    const lines = await db.sipUser.findMany({ where: { tenantId: actor.tenantId, userId: other.userId, enabled: true }, orderBy: { createdAt: "asc" }, select: { username: true, domain: true } });
    if (lines.length === 0) throw new AppError("CONFLICT", `${name} has no phone line`);
    dial = { lines, callerIdNumber: customerNumber };
    described = { kind: "agent", id: other.id, label: name };
    targetAgentId = other.id;
  } else {
    const callerId = await transferCallerId(actor.tenantId, legs.customerIsCall ? call.id : legs.customerCallId, target.callerId);
    dial = { number: target.number, callerIdNumber: callerId };
    described = { kind: "number", id: null, label: target.number };
  }

  const document = roomDocument(friendlyName, legs.customerIsCall);
  const switchId = call.switchId;
  const consultId = newId("cst");
  await callTransaction(async (tx) => {
    const conference = await openCallRoom(tx, actor.tenantId, friendlyName, switchId);
    const leg = await createThirdPartyLeg(tx, { tenantId: actor.tenantId, parentCallId: call.id, switchId, from: dial.callerIdNumber, to: dial.number ?? `client:${dial.lines![0]!.username}`, currency: call.currency, apiSurface: call.apiSurface });
    await tx.conferenceParticipant.create({ data: { id: newId("cfp"), tenantId: actor.tenantId, conferenceId: conference.id, callId: leg.id, label: described.label, status: "CONNECTING", startConferenceOnEnter: true, endConferenceOnExit: false } });
    if (!room) {
      // The leg bridged to the call joins with the call: its participant row waits for the switch's add-member.
      const movedLeg = legs.customerIsCall ? legs.agentCallId : legs.customerCallId;
      await tx.conferenceParticipant.upsert({
        where: { conferenceId_callId: { conferenceId: conference.id, callId: movedLeg } },
        create: { id: newId("cfp"), tenantId: actor.tenantId, conferenceId: conference.id, callId: movedLeg, status: "CONNECTING", startConferenceOnEnter: true, endConferenceOnExit: !legs.customerIsCall },
        update: {},
      });
    }
    await tx.callConsult.create({
      data: {
        id: consultId,
        tenantId: actor.tenantId,
        callId: call.id,
        conferenceId: conference.id,
        byAgentId: me.id,
        agentCallId: legs.agentCallId,
        customerCallId: legs.customerCallId,
        targetKind: described.kind,
        targetAgentId,
        targetLabel: described.label,
        targetCallId: leg.id,
        status: mode === "consult" ? "consulting" : "conference",
      },
    });
    if (targetAgentId) {
      const rang = await setAgentState(tx, { tenantId: actor.tenantId, agentId: targetAgentId, to: "RINGING", cause: "offer", callId: leg.id, queueId: null });
      if (!rang.changed) throw new AppError("CONFLICT", `${described.label} was just offered another call: try again`);
    }
    if (room) {
      // In the room already: the customer is held now (a member), and the third party dialled in. The row shows the
      // hold at once, as update-conference-participant.ts does; the switch's hold-member event confirms it.
      if (mode === "consult") {
        await tx.conferenceParticipant.updateMany({ where: { conferenceId: conference.id, callId: legs.customerCallId }, data: { hold: true } });
        await requestConferenceAction(tx, { tenantId: actor.tenantId, conferenceId: conference.id, switchId, callId: legs.customerCallId, action: "hold" });
      }
    } else {
      await requestCallRedirect(tx, actor, call.id, { ...document, bridgedLegTo: { conference: friendlyName, endConferenceOnExit: !legs.customerIsCall } }, {
        consult: { byAgentId: me.id, kind: described.kind, to: described.id ?? described.label, mode },
      });
    }
    const data: ConferenceDial = { ...dial, callId: leg.id, channelUuid: leg.channelUuid, tenantId: actor.tenantId, conference: friendlyName, ringSeconds: CONSULT_RING_SECONDS };
    await requestConferenceAction(tx, { tenantId: actor.tenantId, conferenceId: conference.id, switchId, callId: leg.id, action: "dial", data: data as unknown as Record<string, unknown> });
  });
  return { consultId, status: mode === "consult" ? "consulting" : "conference", target: described };
}

type CallApiSurfaceDb = Call["apiSurface"];

/** The call's room, open already or opened now under the switch's name for it (its events find it at once). */
export async function openCallRoom(tx: Tx, tenantId: string, friendlyName: string, switchId: string): Promise<Conference> {
  return (await lockOpenConference(tx, tenantId, friendlyName)) ?? tx.conference.create({ data: { id: newSid("CF"), tenantId, friendlyName, room: conferenceRoom(tenantId, friendlyName), switchId } });
}

/** What the call's session runs to be in its room (a customer's call ends the room when it leaves). */
export function roomDocument(friendlyName: string, customerIsCall: boolean): { document: TVoiceDocument; dialect: "json" } {
  const parsed = parseVoiceDocument([{ dial: [{ conference: friendlyName, startConferenceOnEnter: true, endConferenceOnExit: customerIsCall, beep: "false" }] }]);
  if (!parsed.ok) throw new Error(`a call's room made an invalid document: ${parsed.issues[0]?.message}`);
  return { document: parsed.document, dialect: "json" };
}

/** The third party's leg: a child call of the call (outbound-dial), initiated now, dialled by the room's worker. */
export async function createThirdPartyLeg(
  tx: Tx,
  input: { tenantId: string; parentCallId: string; switchId: string; from: string; to: string; currency: string; apiSurface: CallApiSurfaceDb },
): Promise<{ id: string; channelUuid: string }> {
  const now = new Date();
  const row = await tx.call.create({
    data: {
      id: newSid("CA"),
      tenantId: input.tenantId,
      parentCallId: input.parentCallId,
      direction: "OUTBOUND_DIAL",
      status: "INITIATED",
      from: input.from,
      to: input.to,
      switchId: input.switchId,
      channelUuid: randomUUID(),
      timeoutSeconds: CONSULT_RING_SECONDS,
      apiSurface: input.apiSurface,
      currency: input.currency,
      queuedAt: now,
      initiatedAt: now,
      eventSequence: 1,
    },
    include: { ...CALL_VIEW_INCLUDE, tenant: { select: { accountSid: true } } },
  });
  await writeCallTransitions(tx, [{ call: toCallView(row), accountSid: row.tenant.accountSid, type: "initiated", status: "INITIATED", at: now, sequence: 1, data: { parentCallId: input.parentCallId, consult: true } }]);
  return { id: row.id, channelUuid: row.channelUuid! };
}
