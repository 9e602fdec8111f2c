import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { newSid } from "@/server/shared/ids";
import { callTransaction, writeCallTransitions } from "@/server/calls/call-transitions";
import { CALL_VIEW_INCLUDE, toCallView, type CallView } from "@/server/calls/call-view";
import { MAX_CALL_TIME_LIMIT_SECONDS } from "@/server/calls/calls.schemas";
import { closeCall } from "@/server/calls/close-call";

/** The cause a refused call to an owned number is hung up with (SIP 503 to the carrier; the call ends `failed`). */
const REFUSED_CAUSE = "SERVICE_UNAVAILABLE";

export interface CreateInboundCallInput {
  /** The switch the call arrived on. */
  switchId: string;
  /** The parked channel's uuid (Unique-ID). */
  channelUuid: string;
  /** The dialled DID (Caller-Destination-Number); `+` is added when the switch sends bare digits. */
  to: string;
  /** The caller (Caller-Caller-ID-Number), kept as the switch gives it. */
  from: string;
  /** When the switch saw the call; defaults to now. */
  at?: Date;
  /** The worker process that took the call. */
  workerId?: string;
}

/** What answers the call: the number's voice URL (instructions JSON or TwiML) or a flow. */
export type InboundCallHandler = { kind: "url"; url: string; method: string } | { kind: "flow"; flowId: string };

export type InboundCallRejectReason = "unknown_number" | "voice_disabled" | "tenant_suspended" | "no_credit" | "no_handler";

/**
 * Refused: the worker hangs the channel up with `hangupCause`. A refusal on a number some tenant owns is recorded as
 * that tenant's call (`call`, ended `failed` with the reason on its timeline), so the tenant sees the calls it missed.
 */
export type CreateInboundCallResult =
  | { rejected: null; call: CallView; handler: InboundCallHandler; accountSid: string }
  | { rejected: InboundCallRejectReason; tenantId: string | null; hangupCause: string; call?: CallView };

/** Why a call to an owned number was refused, as the tenant reads it on the call. */
const REFUSALS: Record<Exclude<InboundCallRejectReason, "unknown_number">, string> = {
  voice_disabled: "Voice is turned off on this number, so the call was refused.",
  tenant_suspended: "The account is suspended, so the call was refused.",
  no_credit: "The account has no credit left, so the call was refused.",
  no_handler: "This number has no voice URL or flow to answer calls, so the call was refused.",
};

/** `+15005550100`, `15005550100` and `sip:+15005550100@host` all name the DID +15005550100. */
export function normalizeDid(to: string): string {
  const user = to.replace(/^sips?:/i, "").split("@")[0]!.trim();
  const digits = user.replace(/[^\d]/g, "");
  return digits ? `+${digits}` : user;
}

/**
 * An inbound leg parked by the dialplan: the DID picks the phone number, hence the tenant and the handler. A DID no
 * tenant owns is rejected with no row written. A call to an owned number whose voice is off, that has no handler, or
 * whose tenant is suspended or out of credit is rejected too, but recorded: the tenant's call ends `failed`
 * (SERVICE_UNAVAILABLE, billsec 0, no charge) with the reason on its timeline, its callback and webhook sent. The
 * worker then hangs the channel up. Otherwise the call is stored `ringing` on this switch. A repeat for the same
 * channel (a worker restarted mid-call) returns the existing call.
 */
/**
 * The columns of a call the switch parked and a worker took, ringing from now: the switch, the channel, the worker's
 * claim, the times, its one event so far, the longest time a call may last. Its `completed` status callback only, as
 * Twilio's numbers do. What answers it, and from and to, are the caller's to add.
 */
export function ringingInboundCallData(input: { tenantId: string; switchId: string; channelUuid: string; workerId: string | undefined; at: Date; currency: string }) {
  const { at } = input;
  return {
    id: newSid("CA"),
    tenantId: input.tenantId,
    direction: "INBOUND" as const,
    status: "RINGING" as const,
    switchId: input.switchId,
    channelUuid: input.channelUuid,
    claimedBy: input.workerId ?? null,
    claimedAt: at,
    statusCallbackEvents: ["completed"],
    timeLimitSeconds: MAX_CALL_TIME_LIMIT_SECONDS,
    currency: input.currency,
    queuedAt: at,
    initiatedAt: at,
    ringingAt: at,
    eventSequence: 1,
  };
}

export async function createInboundCall(input: CreateInboundCallInput): Promise<CreateInboundCallResult> {
  const did = normalizeDid(input.to);
  const number = await db.phoneNumber.findUnique({
    where: { e164: did },
    include: { tenant: { select: { status: true, creditMicros: true, currency: true, accountSid: true } }, voiceFlow: { select: { publishedVersionId: true } } },
  });
  if (!number) return { rejected: "unknown_number", tenantId: null, hangupCause: "UNALLOCATED_NUMBER" };
  // A published flow answers before the voice URL; a flow never published answers only a number without a URL
  // (the worker then says the flow is not published).
  const flowPublished = !!number.voiceFlow?.publishedVersionId;
  const handler: InboundCallHandler | null =
    number.voiceFlowId && (flowPublished || !number.voiceUrl)
      ? { kind: "flow", flowId: number.voiceFlowId }
      : number.voiceUrl
        ? { kind: "url", url: number.voiceUrl, method: number.voiceMethod }
        : null;
  const refusal: Exclude<InboundCallRejectReason, "unknown_number"> | null = !number.voiceEnabled
    ? "voice_disabled"
    : number.tenant.status !== "ACTIVE"
      ? "tenant_suspended"
      : number.tenant.creditMicros <= 0n
        ? "no_credit"
        : !handler
          ? "no_handler"
          : null;

  const at = input.at ?? new Date();
  try {
    const call = await callTransaction(async (tx) => {
      const row = await tx.call.create({
        data: {
          ...ringingInboundCallData({ tenantId: number.tenantId, switchId: input.switchId, channelUuid: input.channelUuid, workerId: input.workerId, at, currency: number.tenant.currency }),
          from: input.from,
          to: did,
          phoneNumberId: number.id,
          url: handler?.kind === "flow" ? null : number.voiceUrl,
          method: number.voiceMethod,
          flowId: handler?.kind === "flow" ? handler.flowId : null,
          statusCallbackUrl: number.statusCallbackUrl,
          statusCallbackMethod: number.statusCallbackMethod,
          // The number's voice URL is called Twilio-style, so its callbacks are too.
          apiSurface: "twilio",
        },
        include: CALL_VIEW_INCLUDE,
      });
      const view = toCallView(row);
      await writeCallTransitions(tx, [{ call: view, accountSid: number.tenant.accountSid, type: "ringing", status: "RINGING", at, sequence: 1, data: { switchId: input.switchId, channelUuid: input.channelUuid } }]);
      if (!refusal) return view;
      const { call: ended } = await closeCall(tx, row, {
        endedAt: at,
        hangupCause: REFUSED_CAUSE,
        sipStatus: null,
        durationSeconds: 0,
        billsec: 0,
        answeredAt: null,
        answeredBy: null,
        data: { rejected: refusal, message: REFUSALS[refusal] },
      });
      return ended;
    });
    return refusal ? { rejected: refusal, tenantId: number.tenantId, hangupCause: REFUSED_CAUSE, call } : { rejected: null, call, handler: handler!, accountSid: number.tenant.accountSid };
  } catch (e) {
    if (!(e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002")) throw e;
    const existing = await db.call.findUnique({ where: { channelUuid: input.channelUuid }, include: CALL_VIEW_INCLUDE });
    if (!existing) throw e;
    const call = toCallView(existing);
    return refusal ? { rejected: refusal, tenantId: number.tenantId, hangupCause: REFUSED_CAUSE, call } : { rejected: null, call, handler: handler!, accountSid: number.tenant.accountSid };
  }
}
