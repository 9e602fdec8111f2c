// Inbound calls: the dialplan parks every call from a carrier with irisx_inbound=true. The worker matches the
// DID to a tenant's number (createInboundCall): no match → UNALLOCATED_NUMBER; a match → the number's handler runs,
// ringing, and answers when its document needs the call up (call-session.ts), or its <Dial answerOnBridge>'s bridge does.
import { parsePhoneNumberFromString } from "libphonenumber-js";
import type { EslEvent } from "./esl/wire";
import { runCallHandler } from "./call-handler";
import { newTrackedChannel } from "./channel-table";
import type { WorkerContext } from "./context";
import { eventTime } from "./switch-port";

export function isInboundPark(event: EslEvent): boolean {
  return event.get("Call-Direction") === "inbound" && event.variable("irisx_inbound") === "true";
}

/**
 * A dialled number as carriers send it (E.164, 11 digits with a country code, 10 national digits, with or
 * without a leading +) in E.164, or null when it cannot be one. Numbers without a country code are read as
 * North American, the carriers' usual format for US DIDs.
 */
export function normalizeDialledNumber(raw: string | undefined): string | null {
  if (!raw) return null;
  const digits = raw.replace(/[^\d+]/g, "");
  if (!digits) return null;
  const candidate = digits.startsWith("+") ? digits : digits.length === 10 ? `+1${digits}` : `+${digits}`;
  const parsed = parsePhoneNumberFromString(candidate);
  return parsed ? parsed.number : /^\+[1-9]\d{1,14}$/.test(candidate) ? candidate : null;
}

/** Separators people and some switches write inside phone numbers: `+1 (415) 555-0123`. */
const NUMBER_SEPARATORS = /[\s().-]/g;
/** A North American number: area code and exchange each start with 2–9, then four digits. */
const NANP = /^[2-9]\d{2}[2-9]\d{6}$/;

/**
 * The caller (Caller-Caller-ID-Number) as stored: a phone number in E.164 when it is one (`+` and 2–15 digits; 11
 * NANP digits with the leading 1; 10 NANP digits), otherwise exactly as the switch sent it (`5551000`, `anonymous`,
 * a SIP user such as `alice`): a caller id is not always a number, and a `+` must never make one up. No caller id
 * at all reads `anonymous`.
 */
export function normalizeCallerId(raw: string | undefined): string {
  if (raw === undefined || raw.trim() === "") return "anonymous";
  const compact = raw.trim().replace(NUMBER_SEPARATORS, "");
  if (/^\+[1-9]\d{1,14}$/.test(compact)) return compact;
  if (/^1\d{10}$/.test(compact) && NANP.test(compact.slice(1))) return `+${compact}`;
  if (NANP.test(compact)) return `+1${compact}`;
  return raw;
}

export async function handleInboundPark(ctx: WorkerContext, uuid: string, event: EslEvent): Promise<void> {
  // The channel parks again after every application that returns; only the first park is a new call.
  if (ctx.channels.get(uuid) || ctx.channels.endedRecently(uuid)) return;
  // The dialplan's E.164 form of the dialled number (irisx_did), else the number as the carrier sent it.
  const rawTo = event.variable("irisx_did") ?? event.get("Caller-Destination-Number");
  const rawFrom = event.get("Caller-Caller-ID-Number");
  const fromAgent = event.variable("irisx_origin") === "agent";
  const to = normalizeDialledNumber(rawTo);
  const from = normalizeCallerId(rawFrom);
  // A call from an agent's phone (the internal profile): the app says what it dials (create-agent-call.ts).
  const result = fromAgent
    ? await ctx.voice.createAgentCall({
        switchId: ctx.switchId,
        channelUuid: uuid,
        tenantId: event.variable("irisx_tenant_id"),
        sipUserId: event.variable("irisx_sip_user_id"),
        dialled: event.get("Caller-Destination-Number"),
        callerId: event.variable("sip_h_X-IRISX-Caller-Id"),
        workerId: ctx.workerId,
        at: eventTime(event),
      })
    : to
      ? await ctx.voice.createInboundCall({ switchId: ctx.switchId, channelUuid: uuid, to, from, workerId: ctx.workerId, at: eventTime(event) })
      : ({ rejected: "unknown_number", tenantId: null, hangupCause: "UNALLOCATED_NUMBER", call: undefined } as const);
  if (result.rejected !== null) {
    const recorded = result.call;
    ctx.log.warn({ channelUuid: uuid, to: rawTo, from: rawFrom, fromAgent, reason: result.rejected, tenantId: result.tenantId, callId: recorded?.id }, "inbound call rejected");
    ctx.channels.markEnded(uuid);
    if (recorded) ctx.onTransition();
    await ctx.esl.api(`uuid_kill ${uuid} ${result.hangupCause}`);
    return;
  }
  const call = result.call;
  // An agent's call runs the document made for it (its instructions); a number's, the number's handler.
  const handler = result.handler;
  const channel = ctx.channels.add(
    newTrackedChannel({
      uuid,
      callId: call.id,
      tenantId: call.tenantId,
      accountSid: result.accountSid,
      direction: "inbound",
      from: call.from,
      to: call.to,
      record: call.record,
      instructions: call.instructions,
      flowId: handler?.kind === "flow" ? handler.flowId : null,
      url: handler?.kind === "url" ? handler.url : null,
      urlMethod: handler?.kind === "url" ? handler.method : "POST",
      timeLimitSeconds: call.timeLimitSeconds,
      apiSurface: call.apiSurface,
    }),
  );
  // The call's ids on the channel, as outbound legs carry them: a worker that restarts finds the call from its events.
  await ctx.esl.api(`uuid_setvar_multi ${uuid} irisx_call_id=${call.id};irisx_tenant_id=${call.tenantId}`).catch(() => undefined);
  // The document runs first, as on Twilio, and answers when it needs the call up (call-session.ts); a <Dial
  // answerOnBridge> leaves the answer to the bridge (the called party's). Meanwhile the caller hears ringing and the
  // call stays ringing, unbilled; CHANNEL_ANSWER then moves it to in-progress and starts its recording and time limit.
  channel.answerDeferred = true;
  await ctx.esl.sendmsg(uuid, "ring_ready", "").catch(() => undefined);
  runCallHandler(ctx, channel);
}
