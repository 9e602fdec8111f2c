// A call as use-cases return it (CallView, camelCase, for tRPC, the worker and the Twilio surface) and as the
// native REST API, native status callbacks and webhook events show it (CallResource, snake_case).
import { z } from "zod";
import type { Call, CallDirection, CallStatus } from "@/generated/prisma/client";
import type { RoleRule } from "@/server/tenancy";
import type { TCallInstruction } from "@/server/calls/calls.schemas";

/** Placing and ending calls: supervisors and above, and developers (API keys act as DEVELOPER); agents only read. */
export const CALL_WRITE_ROLE: RoleRule = { minRole: "SUPERVISOR", alsoAllow: ["DEVELOPER"] };
export const CALL_READ_ROLE: RoleRule = { minRole: "AGENT" };
/** The account's call settings (maximum queue time): admins and owners. */
export const CALL_SETTINGS_ROLE: RoleRule = { minRole: "ADMIN" };

export type CallApiSurface = "native" | "twilio";
export const LIVE_CALL_STATUSES = ["INITIATED", "RINGING", "IN_PROGRESS"] as const satisfies readonly CallStatus[];
export const FINAL_CALL_STATUSES = ["COMPLETED", "BUSY", "FAILED", "NO_ANSWER", "CANCELED"] as const satisfies readonly CallStatus[];
export type FinalCallStatus = (typeof FINAL_CALL_STATUSES)[number];

export function isFinalCallStatus(status: CallStatus): status is FinalCallStatus {
  return (FINAL_CALL_STATUSES as readonly CallStatus[]).includes(status);
}

/** Order of the forward-only state machine; every final status ranks last. */
export const CALL_STATUS_RANK: Record<CallStatus, number> = {
  QUEUED: 0,
  INITIATED: 1,
  RINGING: 2,
  IN_PROGRESS: 3,
  COMPLETED: 4,
  BUSY: 4,
  FAILED: 4,
  NO_ANSWER: 4,
  CANCELED: 4,
};

export interface CallView {
  id: string;
  tenantId: string;
  parentCallId: string | null;
  direction: CallDirection;
  status: CallStatus;
  from: string;
  to: string;
  phoneNumberId: string | null;
  switchId: string | null;
  channelUuid: string | null;
  claimedBy: string | null;
  url: string | null;
  method: string;
  flowId: string | null;
  instructions: TCallInstruction[] | null;
  statusCallbackUrl: string | null;
  statusCallbackMethod: string;
  statusCallbackEvents: string[];
  timeoutSeconds: number;
  timeLimitSeconds: number | null;
  record: boolean;
  apiSurface: CallApiSurface;
  endRequestedAt: Date | null;
  endRequestedStatus: CallStatus | null;
  queuedAt: Date;
  initiatedAt: Date | null;
  ringingAt: Date | null;
  answeredAt: Date | null;
  endedAt: Date | null;
  durationSeconds: number | null;
  billsec: number | null;
  hangupCause: string | null;
  sipStatus: number | null;
  answeredBy: string | null;
  priceMicros: bigint | null;
  currency: string;
  eventSequence: number;
  recordingIds: string[];
  /** Set on calls the platform placed itself: "caller_id_verification". */
  purpose: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A call the platform places to verify a caller ID (src/server/caller-ids): its instructions speak the code. */
export const CALLER_ID_VERIFICATION = "caller_id_verification";
/** What anyone reading a verification call sees instead of its instructions: the code proves who answered. */
export const WITHHELD_INSTRUCTIONS: TCallInstruction[] = [{ say: "(the verification code, withheld)", language: "en-US", loop: 1 }];

export const CALL_VIEW_INCLUDE = { recordings: { select: { id: true }, orderBy: { createdAt: "asc" } } } as const;

export function toCallView(row: Call & { recordings?: { id: string }[] }): CallView {
  return {
    id: row.id,
    tenantId: row.tenantId,
    parentCallId: row.parentCallId,
    direction: row.direction,
    status: row.status,
    from: row.from,
    to: row.to,
    phoneNumberId: row.phoneNumberId,
    switchId: row.switchId,
    channelUuid: row.channelUuid,
    claimedBy: row.claimedBy,
    url: row.url,
    method: row.method,
    flowId: row.flowId,
    instructions: row.purpose === CALLER_ID_VERIFICATION ? WITHHELD_INSTRUCTIONS : ((row.instructions as TCallInstruction[] | null) ?? null),
    purpose: row.purpose,
    statusCallbackUrl: row.statusCallbackUrl,
    statusCallbackMethod: row.statusCallbackMethod,
    statusCallbackEvents: row.statusCallbackEvents,
    timeoutSeconds: row.timeoutSeconds,
    timeLimitSeconds: row.timeLimitSeconds,
    record: row.record,
    apiSurface: row.apiSurface === "twilio" ? "twilio" : "native",
    endRequestedAt: row.endRequestedAt,
    endRequestedStatus: row.endRequestedStatus,
    queuedAt: row.queuedAt,
    initiatedAt: row.initiatedAt,
    ringingAt: row.ringingAt,
    answeredAt: row.answeredAt,
    endedAt: row.endedAt,
    durationSeconds: row.durationSeconds,
    billsec: row.billsec,
    hangupCause: row.hangupCause,
    sipStatus: row.sipStatus,
    answeredBy: row.answeredBy,
    priceMicros: row.priceMicros,
    currency: row.currency,
    eventSequence: row.eventSequence,
    recordingIds: row.recordings?.map((r) => r.id) ?? [],
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Lower-case with hyphens, as Twilio spells them: `in-progress`, `no-answer`. */
export function callStatusName(status: CallStatus): CallStatusName {
  return status.toLowerCase().replace("_", "-") as CallStatusName;
}
export const CALL_STATUS_NAMES = ["queued", "initiated", "ringing", "in-progress", "completed", "busy", "failed", "no-answer", "canceled"] as const;
export type CallStatusName = (typeof CALL_STATUS_NAMES)[number];

export const CALL_DIRECTION_NAMES = ["inbound", "outbound-api", "outbound-dial"] as const;
export type CallDirectionName = (typeof CALL_DIRECTION_NAMES)[number];
export function callDirectionName(direction: CallDirection): CallDirectionName {
  return direction.toLowerCase().replace("_", "-") as CallDirectionName;
}

const iso = () => z.iso.datetime().nullable();

export const ZCallResource = z
  .object({
    id: z.string().meta({ description: "Call id: `CA` + 32 hex", example: "CA8f2c1e0d9b7a65432109876543210fed" }),
    account_id: z.string().meta({ example: "tn_01jf3z8k2v9x4q7w5e6r8t0y1u" }),
    parent_call_id: z.string().nullable(),
    direction: z.enum(CALL_DIRECTION_NAMES),
    status: z.enum(CALL_STATUS_NAMES).meta({ description: "queued → initiated → ringing → in-progress → completed | busy | failed | no-answer | canceled" }),
    from: z.string().meta({ example: "+14155550100" }),
    to: z.string().meta({ example: "+14155550123" }),
    switch_id: z.string().nullable().meta({ description: "The switch the call is placed on, once a worker claimed it" }),
    start_time: iso().meta({ description: "When the switch started placing the call (initiated)" }),
    answer_time: iso(),
    end_time: iso(),
    duration: z.number().int().nullable().meta({ description: "Seconds from start to end" }),
    billsec: z.number().int().nullable().meta({ description: "Seconds from answer to end" }),
    hangup_cause: z.string().nullable().meta({ description: "FreeSWITCH hangup cause", example: "NORMAL_CLEARING" }),
    sip_status: z.number().int().nullable().meta({ example: 200 }),
    answered_by: z.string().nullable().meta({ description: "human, machine_start, … when answering-machine detection ran" }),
    price_micros: z.string().nullable().meta({ description: "Cost in micro-units of `currency` (a decimal string), set when the call ends", example: "14000" }),
    currency: z.string().length(3),
    record: z.boolean(),
    recording_ids: z.array(z.string()),
    end_requested: z.boolean().meta({ description: "An end (cancel or hang-up) was requested and the switch is acting on it" }),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: "Call" });
export type CallResource = z.input<typeof ZCallResource>;

export function toCallResource(call: CallView): CallResource {
  return {
    id: call.id,
    account_id: call.tenantId,
    parent_call_id: call.parentCallId,
    direction: callDirectionName(call.direction),
    status: callStatusName(call.status),
    from: call.from,
    to: call.to,
    switch_id: call.switchId,
    start_time: call.initiatedAt?.toISOString() ?? null,
    answer_time: call.answeredAt?.toISOString() ?? null,
    end_time: call.endedAt?.toISOString() ?? null,
    duration: call.durationSeconds,
    billsec: call.billsec,
    hangup_cause: call.hangupCause,
    sip_status: call.sipStatus,
    answered_by: call.answeredBy,
    price_micros: call.priceMicros === null ? null : call.priceMicros.toString(),
    currency: call.currency,
    record: call.record,
    recording_ids: call.recordingIds,
    end_requested: call.endRequestedAt !== null && !isFinalCallStatus(call.status),
    created_at: call.createdAt.toISOString(),
    updated_at: call.updatedAt.toISOString(),
  };
}

export interface CallEventView {
  id: string;
  callId: string;
  sequence: number;
  type: string;
  status: CallStatus | null;
  occurredAt: Date;
  data: Record<string, unknown>;
}
