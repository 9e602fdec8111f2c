import { z } from "zod";
import { ZPageInput } from "@/server/shared/paging";

export const ZAgentId = z.string().trim().min(1).max(64);

/** What an agent may set by hand. */
export const ZChangeMyAgentStateInput = z.object({
  state: z.enum(["available", "away", "offline"]),
  awayReasonId: z.string().trim().min(1).max(64).nullish(),
});
export type TChangeMyAgentStateInput = z.input<typeof ZChangeMyAgentStateInput>;

export const ZEndWrapUpInput = z.object({
  dispositionId: z.string().trim().min(1).max(64).nullish(),
  notes: z.string().max(4000).default(""),
  /** Where the agent goes after wrap-up. */
  next: z.enum(["available", "away", "offline"]).default("available"),
});
export type TEndWrapUpInput = z.input<typeof ZEndWrapUpInput>;

export const ZForceAgentStateInput = z.object({
  agentId: ZAgentId,
  state: z.enum(["available", "away", "offline"]),
  awayReasonId: z.string().trim().min(1).max(64).nullish(),
});
export type TForceAgentStateInput = z.input<typeof ZForceAgentStateInput>;

export const ZUpdateAgentInput = z.object({
  agentId: ZAgentId,
  callCapacity: z.number().int().min(0).max(1).optional(),
  conversationCapacity: z.number().int().min(0).max(50).optional(),
  skills: z.array(z.object({ skillId: z.string().trim().min(1).max(64), level: z.number().int().min(1).max(10) })).max(100).optional(),
  queueIds: z.array(z.string().trim().min(1).max(64)).max(200).optional(),
});
export type TUpdateAgentInput = z.input<typeof ZUpdateAgentInput>;

export const ZNamedItemInput = z.object({ name: z.string().trim().min(1, "name is required").max(80) });
export const ZDispositionInput = z.object({ code: z.string().trim().min(1, "code is required").max(40).regex(/^[a-z0-9_-]+$/i, "code: letters, digits, - and _ only"), name: z.string().trim().min(1, "name is required").max(80) });

/** The lower-case names the API and the desktop use for AgentState. */
export const AGENT_STATE_NAMES = { OFFLINE: "offline", AVAILABLE: "available", RINGING: "ringing", ON_CALL: "on-call", WRAP_UP: "wrap-up", AWAY: "away" } as const;
export type AgentStateName = (typeof AGENT_STATE_NAMES)[keyof typeof AGENT_STATE_NAMES];

const ZE164 = z.string().trim().regex(/^\+[1-9]\d{6,14}$/, "an E.164 number, such as +14155550100");

/** Where an agent sends the caller they are talking to (a blind transfer). */
export const ZTransferCallInput = z.object({
  target: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("agent"), agentId: ZAgentId }),
    z.object({ kind: z.literal("queue"), queueId: z.string().trim().min(1).max(64) }),
    z.object({ kind: z.literal("number"), number: ZE164, callerId: ZE164.optional() }),
  ]),
});
export type TTransferCallInput = z.input<typeof ZTransferCallInput>;

/** An attended transfer's consultation (the caller on hold) or a third party added (everyone talks). */
export const ZConsultCallInput = z.object({
  target: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("agent"), agentId: ZAgentId }),
    z.object({ kind: z.literal("number"), number: ZE164, callerId: ZE164.optional() }),
  ]),
  mode: z.enum(["consult", "conference"]).default("consult"),
});
export type TConsultCallInput = z.input<typeof ZConsultCallInput>;

/** complete: the caller stays with the third party and the agent leaves; cancel: the third party is hung up;
 *  conference: the caller joins the consultation (three-way). */
export const ZFinishConsultInput = z.object({ action: z.enum(["complete", "cancel", "conference"]) });
export type TFinishConsultInput = z.input<typeof ZFinishConsultInput>;

/** The desktop's call history: the house paging (a call id as cursor), 25 a page by default. */
export const ZFindMyCallsInput = ZPageInput.extend({ limit: z.number().int().min(1).max(100).default(25) });
export type TFindMyCallsInput = z.input<typeof ZFindMyCallsInput>;
