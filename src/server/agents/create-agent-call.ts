// A call placed from an agent's own phone (the desktop's dialpad, or a desk phone): the switch's internal dialplan
// parks it with the line's tenant and SIP user (set by the directory when it authenticated the INVITE), and the
// worker asks here what it is. As Twilio stores a call from a client, it is an inbound call from `client:<line>` whose
// document dials where the agent dialled:
//   another line of the account (its user name)      → <Dial><Client>
//   a phone number (E.164, or 10 NANP digits)        → <Dial><Number>, showing the caller ID the phone asked for in
//                                                      X-IRISX-Caller-Id when it is the account's, else its first one
// answerOnBridge, so the agent hears the far end's ringing and the call is answered when they answer. The agent is on
// the call from now (cause "dialled"); when it ends, settle-agents.ts frees them (wrap-up when their last queue says).
// Anything else is refused with a cause the phone shows.
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { ensureAgent } from "@/server/agents/ensure-agent";
import { findAgentCallerIds } from "@/server/agents/find-agent-caller-ids";
import { setAgentState } from "@/server/agents/set-agent-state";
import { callTransaction, writeCallTransitions } from "@/server/calls/call-transitions";
import { CALL_VIEW_INCLUDE, toCallView, type CallView } from "@/server/calls/call-view";
import { ringingInboundCallData } from "@/server/calls/create-inbound-call";

export interface CreateAgentCallInput {
  switchId: string;
  channelUuid: string;
  /** irisx_tenant_id and irisx_sip_user_id, as the directory set them. */
  tenantId: string | undefined;
  sipUserId: string | undefined;
  /** Caller-Destination-Number: what the agent dialled. */
  dialled: string | undefined;
  /** The X-IRISX-Caller-Id header the phone sent (sip_h_X-IRISX-Caller-Id), if any. */
  callerId: string | undefined;
  workerId?: string;
  at?: Date;
}

/** Shaped as createInboundCall's answer (no number's handler: the call runs its own instructions). */
export type CreateAgentCallResult = { rejected: null; call: CallView; handler: null; accountSid: string } | { rejected: string; hangupCause: string; tenantId: string | null; call?: undefined };

const E164 = /^\+[1-9]\d{6,14}$/;
const NANP = /^[2-9]\d{2}[2-9]\d{6}$/;

/** The dialled digits as an E.164 number, or null. */
export function dialledNumber(raw: string): string | null {
  const compact = raw.trim().replace(/[\s().-]/g, "");
  if (E164.test(compact)) return compact;
  if (/^1\d{10}$/.test(compact) && NANP.test(compact.slice(1))) return `+${compact}`;
  if (NANP.test(compact)) return `+1${compact}`;
  return null;
}

export async function createAgentCall(input: CreateAgentCallInput): Promise<CreateAgentCallResult> {
  if (!input.tenantId || !input.sipUserId) return { rejected: "not a line of an account", hangupCause: "CALL_REJECTED", tenantId: null };
  const line = await db.sipUser.findFirst({
    where: { id: input.sipUserId, tenantId: input.tenantId },
    select: { id: true, username: true, enabled: true, userId: true, tenant: { select: { status: true, creditMicros: true, currency: true, accountSid: true } } },
  });
  if (!line || !line.enabled) return { rejected: "the line is disabled or gone", hangupCause: "CALL_REJECTED", tenantId: input.tenantId };
  if (line.tenant.status !== "ACTIVE") return { rejected: "the account is suspended", hangupCause: "SERVICE_UNAVAILABLE", tenantId: input.tenantId };
  if (line.tenant.creditMicros <= 0n) return { rejected: "the account has no credit", hangupCause: "OUTGOING_CALL_BARRED", tenantId: input.tenantId };

  const dialled = (input.dialled ?? "").trim();
  const colleague = dialled && dialled !== line.username ? await db.sipUser.findFirst({ where: { tenantId: input.tenantId, username: dialled, enabled: true }, select: { username: true } }) : null;
  const number = colleague ? null : dialledNumber(dialled);
  if (!colleague && !number) return { rejected: `${dialled || "nothing"} is not a number or a line of the account`, hangupCause: "UNALLOCATED_NUMBER", tenantId: input.tenantId };

  const allowed = await findAgentCallerIds(input.tenantId);
  const asked = input.callerId?.trim();
  const callerId = (asked && allowed.find((c) => c.e164 === asked)?.e164) ?? allowed[0]?.e164 ?? (colleague ? line.username.replace(/[^0-9A-Za-z]/g, "").slice(0, 32) : null);
  if (!callerId) return { rejected: "the account has no number or verified caller ID to call out from", hangupCause: "CALL_REJECTED", tenantId: input.tenantId };

  const to = colleague ? `client:${colleague.username}` : number!;
  const instructions = [{ dial: colleague ? [{ client: colleague.username }] : [{ number }], callerId, answerOnBridge: true }];
  const at = input.at ?? new Date();
  try {
    const call = await callTransaction(async (tx) => {
      const row = await tx.call.create({
        data: {
          ...ringingInboundCallData({ tenantId: input.tenantId!, switchId: input.switchId, channelUuid: input.channelUuid, workerId: input.workerId, at, currency: line.tenant.currency }),
          from: `client:${line.username}`,
          to,
          instructions: instructions as Prisma.InputJsonValue,
          apiSurface: "native",
        },
        include: CALL_VIEW_INCLUDE,
      });
      const view = toCallView(row);
      await writeCallTransitions(tx, [{ call: view, accountSid: line.tenant.accountSid, type: "ringing", status: "RINGING", at, sequence: 1, data: { switchId: input.switchId, channelUuid: input.channelUuid, placedBy: line.username, callerId } }]);
      if (line.userId) {
        const agent = await ensureAgent(tx, input.tenantId!, line.userId);
        await setAgentState(tx, { tenantId: input.tenantId!, agentId: agent.id, to: "ON_CALL", cause: "dialled", callId: row.id, queueId: null });
      }
      return view;
    });
    return { rejected: null, call, handler: null, accountSid: line.tenant.accountSid };
  } catch (e) {
    // The switch's park seen twice (a worker restart): the call made the first time.
    if (!(e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002")) throw e;
    const existing = await db.call.findUnique({ where: { channelUuid: input.channelUuid }, include: CALL_VIEW_INCLUDE });
    if (!existing) throw e;
    return { rejected: null, call: toCallView(existing), handler: null, accountSid: line.tenant.accountSid };
  }
}
