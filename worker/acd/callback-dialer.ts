// Callbacks the router gave to an agent (src/server/acd/claim-callback-offer.ts), rung and connected on this switch:
//   1. the agent's softphone rings where it registered, showing "Callback" and the customer's number (originate to the
//      registration's contact, parked when answered); not answered: the agent missed it, the callback waits again;
//   2. answered: the customer's number is called through the carrier gateway with the number they called as caller
//      ID (originate, parked when answered); not answered: the attempt is kept and the callback retried later;
//   3. answered: the two are bridged (uuid_bridge) until either hangs up, then the other is hung up and the callback
//      is completed, the agent in wrap-up.
// Each step's outcome is written through the ACD's use-cases (answer-/end-callback-offer, record-callback-attempt,
// end-callback-call); the switch's replies (bgapi originate) and CHANNEL_HANGUP_COMPLETE say what happened.
import { randomUUID } from "node:crypto";
import type { CallbackOffer } from "@/server/acd/claim-callback-offer";
import type { CallbackAttemptOutcome } from "@/server/acd/record-callback-attempt";
import { contactLookupCommand, registeredContact } from "../call-control/dial-strings";
import type { WorkerContext } from "../context";
import type { EslEvent } from "../esl/wire";

/** How long the customer's phone rings before the attempt counts as not answered. */
export const CUSTOMER_RING_SECONDS = 30;
/** The longest a call back may last (as a <Dial>'s default four hours). */
const CALLBACK_TIME_LIMIT_SECONDS = 4 * 3600;
const E164 = /^\+[1-9][0-9]{6,14}$/;
const GATEWAY = /^[A-Za-z0-9_.-]{1,64}$/;

/** The originate that rings the agent's softphone for a callback (only checked values go in). */
export function callbackAgentOriginate(input: { uuid: string; contact: string; domain: string; number: string; ringSeconds: number; callbackId: string }): string {
  const vars = [
    `origination_uuid=${input.uuid}`,
    `origination_caller_id_number=${input.number}`,
    "origination_caller_id_name=Callback",
    `sip_invite_domain=${input.domain}`,
    `originate_timeout=${Math.max(1, Math.round(input.ringSeconds))}`,
    `irisx_callback_id=${input.callbackId}`,
  ];
  return `originate {${vars.join(",")}}${input.contact} &park()`;
}

/**
 * The originate that calls the customer back through the carrier gateway, showing the number they called. The leg is
 * a call of its own (irisx_call_id): its progress, end, record and bill follow the switch's events like any call's.
 */
export function callbackCustomerOriginate(input: { uuid: string; gateway: string; number: string; callerId: string; callbackId: string; callId: string; tenantId: string }): string {
  const vars = [
    `origination_uuid=${input.uuid}`,
    `irisx_call_id=${input.callId}`,
    `irisx_tenant_id=${input.tenantId}`,
    `origination_caller_id_number=${input.callerId}`,
    `origination_caller_id_name=${input.callerId}`,
    `originate_timeout=${CUSTOMER_RING_SECONDS}`,
    "ignore_early_media=true",
    `irisx_callback_id=${input.callbackId}`,
  ];
  return `originate {${vars.join(",")}}sofia/gateway/${input.gateway}/${input.number} &park()`;
}

/** What the attempt was, from the switch's cause for an originate that failed. */
export function attemptOutcomeOf(cause: string): Exclude<CallbackAttemptOutcome, "answered"> {
  if (cause === "NO_ANSWER" || cause === "NO_USER_RESPONSE" || cause === "ORIGINATOR_CANCEL" || cause === "ALLOTTED_TIMEOUT") return "no-answer";
  if (cause === "USER_BUSY") return "busy";
  return "failed";
}

const causeOf = (reply: string) => reply.trim().replace(/^-ERR\s*/, "").split(/\s/)[0] || "UNKNOWN";

interface Connected {
  offer: CallbackOffer;
  attemptId: string;
  agentUuid: string;
  customerUuid: string;
  ended: boolean;
}

export class CallbackDialer {
  /** Connected callbacks by each of their two channels' uuids. */
  private readonly connected = new Map<string, Connected>();
  /** Agent channels that hung up while their callback was still being set up. */
  private readonly gone = new Set<string>();
  private readonly setting = new Set<string>();
  /** Agent channel → the customer's channel being called for it. */
  private readonly dialing = new Map<string, string>();
  rung = 0;
  completed = 0;

  constructor(private readonly ctx: WorkerContext) {}

  ring(offer: CallbackOffer): void {
    void this.run(offer).catch((err: unknown) => this.ctx.log.error({ err, callbackId: offer.callbackId }, "a callback failed"));
  }

  get live(): number {
    return this.setting.size + this.connected.size / 2;
  }

  onEvent(event: EslEvent): void {
    if (event.name !== "CHANNEL_HANGUP_COMPLETE" || !event.uniqueId) return;
    if (this.setting.has(event.uniqueId)) this.gone.add(event.uniqueId);
    // The agent hung up while the customer's phone rang: that call is cancelled.
    const customer = this.dialing.get(event.uniqueId);
    if (customer) void this.ctx.esl.api(`uuid_kill ${customer} ORIGINATOR_CANCEL`).catch(() => "");
    this.hungUp(event.uniqueId);
  }

  /** One side of a connected callback hung up: the other is hung up, the callback completed. */
  private hungUp(uuid: string): void {
    const call = this.connected.get(uuid);
    if (!call || call.ended) return;
    call.ended = true;
    this.connected.delete(call.agentUuid);
    this.connected.delete(call.customerUuid);
    const other = uuid === call.agentUuid ? call.customerUuid : call.agentUuid;
    void this.ctx.esl.api(`uuid_kill ${other} NORMAL_CLEARING`).catch(() => "");
    this.completed++;
    void this.ctx.voice
      .endCallbackCall({ tenantId: call.offer.tenantId, callbackId: call.offer.callbackId, attemptId: call.attemptId, agentId: call.offer.agentId })
      .catch((err: unknown) => this.ctx.log.error({ err, callbackId: call.offer.callbackId }, "could not complete a callback"));
  }

  private async run(offer: CallbackOffer): Promise<void> {
    const { voice, esl } = this.ctx;
    const ids = { tenantId: offer.tenantId, callbackId: offer.callbackId, agentId: offer.agentId };
    const contact = registeredContact(await esl.api(contactLookupCommand(offer.line)).catch(() => ""));
    if (!contact) return voice.endCallbackOffer({ ...ids, why: "the softphone is not registered" });
    if (!E164.test(offer.number) || !E164.test(offer.callerId) || !GATEWAY.test(this.ctx.defaultGateway)) {
      return voice.endCallbackOffer({ ...ids, why: `${offer.number} or ${offer.callerId} is not a number this platform calls` });
    }
    const agentUuid = randomUUID();
    const customerUuid = randomUUID();
    this.setting.add(agentUuid);
    this.rung++;
    try {
      const agentReply = await esl.bgapi(callbackAgentOriginate({ uuid: agentUuid, contact, domain: offer.line.domain, number: offer.number, ringSeconds: offer.ringTimeoutSeconds, callbackId: offer.callbackId }), {
        jobUuid: randomUUID(),
        timeoutMs: (offer.ringTimeoutSeconds + 10) * 1000,
      });
      if (!agentReply.trim().startsWith("+OK")) return await voice.endCallbackOffer({ ...ids, why: causeOf(agentReply) });
      const answered = await voice.answerCallbackOffer(ids);
      if (!answered) {
        await esl.api(`uuid_kill ${agentUuid} NORMAL_CLEARING`).catch(() => "");
        return;
      }
      const attempt = { ...ids, attemptId: answered.attemptId };
      // The agent hung up as soon as they answered: nobody is called (the attempt is kept as failed, tried again).
      if (this.gone.has(agentUuid)) {
        await voice.recordCallbackAttempt({ ...attempt, outcome: "failed", hangupCause: "AGENT_HUNG_UP", callId: null });
        return;
      }
      // The call to the customer: a child call of the one they waited on, from the number they called.
      const leg = await voice
        .createDialLegs({
          parentCallId: offer.callId,
          tenantId: offer.tenantId,
          switchId: this.ctx.switchId,
          workerId: this.ctx.workerId,
          callerId: offer.callerId,
          timeoutSeconds: CUSTOMER_RING_SECONDS,
          timeLimitSeconds: CALLBACK_TIME_LIMIT_SECONDS,
          legs: [{ to: offer.number, channelUuid: customerUuid }],
        })
        .catch((err: unknown) => ({ ok: false as const, code: 0, message: String(err) }));
      if (!leg.ok) {
        this.ctx.log.warn({ callbackId: offer.callbackId, code: leg.code, message: leg.message }, "a callback's call to the customer was refused");
        await esl.api(`uuid_kill ${agentUuid} NORMAL_CLEARING`).catch(() => "");
        await voice.recordCallbackAttempt({ ...attempt, outcome: "failed", hangupCause: `REFUSED ${leg.code}`, callId: null });
        return;
      }
      const callId = leg.legs[0]!.callId;
      this.setting.add(customerUuid);
      this.dialing.set(agentUuid, customerUuid);
      const customerReply = await esl
        .bgapi(callbackCustomerOriginate({ uuid: customerUuid, gateway: this.ctx.defaultGateway, number: offer.number, callerId: offer.callerId, callbackId: offer.callbackId, callId, tenantId: offer.tenantId }), {
          jobUuid: randomUUID(),
          timeoutMs: (CUSTOMER_RING_SECONDS + 10) * 1000,
        })
        .finally(() => this.dialing.delete(agentUuid));
      if (!customerReply.trim().startsWith("+OK")) {
        const agentGone = this.gone.has(agentUuid);
        const cause = agentGone ? "AGENT_HUNG_UP" : causeOf(customerReply);
        await esl.api(`uuid_kill ${agentUuid} NORMAL_CLEARING`).catch(() => "");
        await voice.recordCallbackAttempt({ ...attempt, outcome: agentGone ? "failed" : attemptOutcomeOf(cause), hangupCause: cause, callId });
        return;
      }
      await voice.recordCallbackAttempt({ ...attempt, outcome: "answered", hangupCause: null, callId });
      const call: Connected = { offer, attemptId: answered.attemptId, agentUuid, customerUuid, ended: false };
      this.connected.set(agentUuid, call);
      this.connected.set(customerUuid, call);
      // A side that hung up while the other was being called: the call is over before it was bridged.
      const early = this.gone.has(agentUuid) ? agentUuid : this.gone.has(customerUuid) ? customerUuid : null;
      if (early) return this.hungUp(early);
      const bridged = await esl.api(`uuid_bridge ${agentUuid} ${customerUuid}`).catch((err: unknown) => `-ERR ${String(err)}`);
      if (!bridged.trim().startsWith("+OK")) {
        this.ctx.log.warn({ callbackId: offer.callbackId, reply: bridged.trim() }, "the switch did not bridge a callback");
        this.hungUp(agentUuid);
      }
    } finally {
      for (const uuid of [agentUuid, customerUuid]) {
        this.setting.delete(uuid);
        this.gone.delete(uuid);
      }
    }
  }
}
