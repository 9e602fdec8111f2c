import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { newSid } from "@/server/shared/ids";
import { callTransaction, writeCallTransitions } from "@/server/calls/call-transitions";
import { CALL_VIEW_INCLUDE, toCallView, type CallView } from "@/server/calls/call-view";
import { MAX_CALL_TIME_LIMIT_SECONDS } from "@/server/calls/calls.schemas";

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

export type CreateInboundCallResult = { rejected: null; call: CallView; handler: InboundCallHandler; accountSid: string } | { rejected: InboundCallRejectReason; tenantId: string | null };

/** `+15005550100`, `15005550100` and `sip:+15005550100@host` all name the DID +15005550100. */
export function normalizeDid(to: string): string {
  const user = to.replace(/^sips?:/i, "").split("@")[0]!.trim();
  const digits = user.replace(/[^\d]/g, "");
  return digits ? `+${digits}` : user;
}

/**
 * An inbound leg parked by the dialplan: the DID picks the phone number, hence the tenant and the handler. Rejected
 * (no row written) when the DID is unknown, voice is off on it, it has no handler, or its tenant is suspended or out
 * of credit; the worker then kills the channel. Otherwise the call is stored `ringing` on this switch. A repeat for
 * the same channel (a worker restarted mid-call) returns the existing call.
 */
export async function createInboundCall(input: CreateInboundCallInput): Promise<CreateInboundCallResult> {
  const did = normalizeDid(input.to);
  const number = await db.phoneNumber.findUnique({
    where: { e164: did },
    include: { tenant: { select: { status: true, creditMicros: true, currency: true, accountSid: true } } },
  });
  if (!number) return { rejected: "unknown_number", tenantId: null };
  if (!number.voiceEnabled) return { rejected: "voice_disabled", tenantId: number.tenantId };
  if (number.tenant.status !== "ACTIVE") return { rejected: "tenant_suspended", tenantId: number.tenantId };
  if (number.tenant.creditMicros <= 0n) return { rejected: "no_credit", tenantId: number.tenantId };
  const handler: InboundCallHandler | null = number.voiceUrl
    ? { kind: "url", url: number.voiceUrl, method: number.voiceMethod }
    : number.voiceFlowId
      ? { kind: "flow", flowId: number.voiceFlowId }
      : null;
  if (!handler) return { rejected: "no_handler", tenantId: number.tenantId };

  const at = input.at ?? new Date();
  try {
    const call = await callTransaction(async (tx) => {
      const row = await tx.call.create({
        data: {
          id: newSid("CA"),
          tenantId: number.tenantId,
          direction: "INBOUND",
          status: "RINGING",
          from: input.from,
          to: did,
          phoneNumberId: number.id,
          switchId: input.switchId,
          channelUuid: input.channelUuid,
          claimedBy: input.workerId ?? null,
          claimedAt: at,
          url: number.voiceUrl,
          method: number.voiceMethod,
          flowId: number.voiceFlowId,
          statusCallbackUrl: number.statusCallbackUrl,
          statusCallbackMethod: number.statusCallbackMethod,
          // A number's status callback hears the end of the call, as Twilio's does.
          statusCallbackEvents: ["completed"],
          timeLimitSeconds: MAX_CALL_TIME_LIMIT_SECONDS,
          // The number's voice URL is called Twilio-style, so its callbacks are too.
          apiSurface: "twilio",
          currency: number.tenant.currency,
          queuedAt: at,
          initiatedAt: at,
          ringingAt: at,
          eventSequence: 1,
        },
        include: CALL_VIEW_INCLUDE,
      });
      const view = toCallView(row);
      await writeCallTransitions(tx, [{ call: view, accountSid: number.tenant.accountSid, type: "ringing", status: "RINGING", at, sequence: 1, data: { switchId: input.switchId, channelUuid: input.channelUuid } }]);
      return view;
    });
    return { rejected: null, call, handler, accountSid: number.tenant.accountSid };
  } catch (e) {
    if (!(e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002")) throw e;
    const existing = await db.call.findUnique({ where: { channelUuid: input.channelUuid }, include: CALL_VIEW_INCLUDE });
    if (!existing) throw e;
    return { rejected: null, call: toCallView(existing), handler, accountSid: number.tenant.accountSid };
  }
}
