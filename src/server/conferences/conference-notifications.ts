// What a change of a room writes besides its rows, in the caller's transaction: the Conference noun's status
// callback (Twilio's form and names, signed by the callback sender like every call callback) when the room
// subscribed to the event, and the tenant's native webhook event (conference.*).
// A callback is queued on a call (CallbackDelivery belongs to one): the participant's for participant events, the
// call whose noun set the callback for the room's own; its place in that call's order comes from Call.eventSequence,
// so it is never sent before the call's earlier callbacks.
import type { Conference, ConferenceParticipant } from "@/generated/prisma/client";
import type { Tx } from "@/server/db";
import { rfc2822 } from "@/server/calls/call-transitions";
import { newId } from "@/server/shared/ids";
import { emitWebhookEvent } from "@/server/webhooks/emit-webhook-event";
import type { WebhookEventType } from "@/server/webhooks/webhook-event-types";
import { toConferenceResource, toConferenceView, toParticipantResource, toParticipantView } from "@/server/conferences/conference-view";

export type ConferenceCallbackEvent =
  | "conference-start"
  | "conference-end"
  | "participant-join"
  | "participant-leave"
  | "participant-mute"
  | "participant-unmute"
  | "participant-hold"
  | "participant-unhold"
  | "participant-modify"
  | "participant-speech-start"
  | "participant-speech-stop";

/** The statusCallbackEvent word (TwiML's <Conference statusCallbackEvent>) that subscribes to each event. */
const SUBSCRIBED_BY: Record<ConferenceCallbackEvent, string> = {
  "conference-start": "start",
  "conference-end": "end",
  "participant-join": "join",
  "participant-leave": "leave",
  "participant-mute": "mute",
  "participant-unmute": "mute",
  "participant-hold": "hold",
  "participant-unhold": "hold",
  "participant-modify": "modify",
  "participant-speech-start": "speaker",
  "participant-speech-stop": "speaker",
};

/** With a statusCallback but no statusCallbackEvent a room reports its start and end. */
export const DEFAULT_CONFERENCE_EVENTS = ["start", "end"];

const WEBHOOK_OF: Partial<Record<ConferenceCallbackEvent, WebhookEventType>> = {
  "conference-start": "conference.started",
  "conference-end": "conference.ended",
  "participant-join": "conference.participant_joined",
  "participant-leave": "conference.participant_left",
  "participant-mute": "conference.participant_updated",
  "participant-unmute": "conference.participant_updated",
  "participant-hold": "conference.participant_updated",
  "participant-unhold": "conference.participant_updated",
  "participant-modify": "conference.participant_updated",
};

export interface ConferenceNotice {
  conference: Conference;
  event: ConferenceCallbackEvent;
  participant?: ConferenceParticipant;
  at: Date;
}

/** Twilio's conference status callback parameters. */
export function conferenceCallbackParams(n: ConferenceNotice, accountSid: string, sequence: number): Record<string, string> {
  const params: Record<string, string> = {
    AccountSid: accountSid,
    ConferenceSid: n.conference.id,
    FriendlyName: n.conference.friendlyName,
    StatusCallbackEvent: n.event,
    SequenceNumber: String(sequence),
    Timestamp: rfc2822(n.at),
  };
  const p = n.participant;
  if (p) {
    params.CallSid = p.callId;
    params.Muted = String(p.muted);
    params.Hold = String(p.hold);
    params.Coaching = String(p.coaching);
    params.EndConferenceOnExit = String(p.endConferenceOnExit);
    params.StartConferenceOnEnter = String(p.startConferenceOnEnter);
    if (p.coaching && p.callSidToCoach) params.CallSidToCoach = p.callSidToCoach;
    if (p.label) params.ParticipantLabel = p.label;
  }
  if (n.event === "conference-end") {
    if (n.conference.reasonEnded) params.ReasonConferenceEnded = n.conference.reasonEnded;
    if (n.conference.callSidEndingConference) params.CallSidEndingConference = n.conference.callSidEndingConference;
  }
  return params;
}

/**
 * A Twilio-form callback of a room queued on `callId`, after the call's callbacks already queued (it takes the call's
 * next event sequence). `params` receives the tenant's AccountSid. Nothing is queued for a call that is gone.
 */
export async function queueConferenceCallback(
  tx: Tx,
  target: { tenantId: string; callId: string; url: string; method: string },
  params: (accountSid: string) => Record<string, string>,
): Promise<void> {
  const [call] = await tx.$queryRaw<{ eventSequence: number; accountSid: string }[]>`
    UPDATE "Call" SET "eventSequence" = "Call"."eventSequence" + 1 FROM "Tenant" t
    WHERE "Call".id = ${target.callId} AND t.id = "Call"."tenantId" RETURNING "Call"."eventSequence", t."accountSid"`;
  if (!call) return;
  await tx.callbackDelivery.create({
    data: { id: newId("cbd"), tenantId: target.tenantId, callId: target.callId, url: target.url, method: target.method, format: "twilio", sequence: call.eventSequence, params: params(call.accountSid) },
  });
}

export async function notifyConference(tx: Tx, n: ConferenceNotice): Promise<void> {
  const c = n.conference;
  const events = c.statusCallbackEvents.length > 0 ? c.statusCallbackEvents : DEFAULT_CONFERENCE_EVENTS;
  const callId = n.participant?.callId ?? c.statusCallbackCallId;
  if (c.statusCallbackUrl && callId && events.includes(SUBSCRIBED_BY[n.event])) {
    const [room] = await tx.$queryRaw<{ callbackSequence: number }[]>`
      UPDATE "Conference" SET "callbackSequence" = "callbackSequence" + 1 WHERE id = ${c.id} RETURNING "callbackSequence"`;
    await queueConferenceCallback(tx, { tenantId: c.tenantId, callId, url: c.statusCallbackUrl, method: c.statusCallbackMethod }, (accountSid) => conferenceCallbackParams(n, accountSid, room!.callbackSequence));
  }
  const type = WEBHOOK_OF[n.event];
  if (!type) return;
  await emitWebhookEvent(tx, {
    tenantId: c.tenantId,
    type,
    data: {
      event: n.event,
      conference: toConferenceResource(toConferenceView(c)),
      ...(n.participant ? { participant: toParticipantResource(toParticipantView(n.participant)) } : {}),
      timestamp: n.at.toISOString(),
    },
  });
}
