import { z } from "zod";
import { ZDispositionInput, ZNamedItemInput } from "@/server/agents/agents.schemas";

export const ZItemId = z.string().trim().min(1).max(64);

/** The tenant's lists the contact centre keeps: skills, away reasons, disposition codes. */
export const ZListKind = z.enum(["skill", "awayReason", "disposition"]);
export type TListKind = z.infer<typeof ZListKind>;

export const ZCreateListItemInput = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("skill"), ...ZNamedItemInput.shape }),
  z.object({ kind: z.literal("awayReason"), ...ZNamedItemInput.shape }),
  z.object({ kind: z.literal("disposition"), ...ZDispositionInput.shape }),
]);
export type TCreateListItemInput = z.input<typeof ZCreateListItemInput>;

export const ZRenameListItemInput = z.object({ kind: ZListKind, id: ZItemId, name: ZNamedItemInput.shape.name });
export type TRenameListItemInput = z.input<typeof ZRenameListItemInput>;

export const ZRemoveListItemInput = z.object({ kind: ZListKind, id: ZItemId });
export type TRemoveListItemInput = z.input<typeof ZRemoveListItemInput>;

export const QUEUE_STRATEGIES = ["longest-idle", "round-robin", "skills-weighted", "ring-all"] as const;
export const OVERFLOW_ACTIONS = ["queue", "voicemail", "number", "flow"] as const;

const seconds = (field: string, min: number, max: number) => z.number({ error: `${field}: a whole number of seconds` }).int(`${field}: whole seconds`).min(min, `${field}: at least ${min}`).max(max, `${field}: at most ${max}`);

/** A queue's ACD settings; every field optional on update. */
export const ZQueueSettings = z.object({
  strategy: z.enum(QUEUE_STRATEGIES, { error: `strategy: one of ${QUEUE_STRATEGIES.join(", ")}` }),
  priority: z.number().int().min(0, "priority: 0 to 10").max(10, "priority: 0 to 10"),
  agingSeconds: seconds("agingSeconds", 0, 3600),
  serviceLevelSeconds: seconds("serviceLevelSeconds", 1, 3600),
  maxWaitSeconds: seconds("maxWaitSeconds", 10, 86_400).nullable(),
  overflowAction: z.enum(OVERFLOW_ACTIONS, { error: `overflowAction: one of ${OVERFLOW_ACTIONS.join(", ")}` }).nullable(),
  overflowTarget: z.string().trim().max(200).nullable(),
  ringTimeoutSeconds: seconds("ringTimeoutSeconds", 5, 300),
  maxNoAnswer: z.number().int().min(0, "maxNoAnswer: 0 to 20").max(20, "maxNoAnswer: 0 to 20"),
  wrapUpSeconds: seconds("wrapUpSeconds", 0, 3600),
  dispositionRequired: z.boolean(),
  announceEverySeconds: seconds("announceEverySeconds", 15, 3600).nullable(),
  callbackOffer: z.boolean(),
  callbackMaxAttempts: z.number().int().min(1, "callbackMaxAttempts: 1 to 10").max(10, "callbackMaxAttempts: 1 to 10"),
  callbackRetrySeconds: seconds("callbackRetrySeconds", 30, 86_400),
  conversationChannels: z.array(z.enum(["sms", "mms", "whatsapp", "email", "slack", "discord", "teams", "telegram"])).max(20),
  maxSize: z.number().int().min(1, "maxSize: 1 to 5000").max(5000, "maxSize: 1 to 5000"),
});

export const ZQueueName = z.string().trim().min(1, "friendlyName is required").max(64, "friendlyName: at most 64 characters");

export const ZCreateQueueInput = ZQueueSettings.partial().extend({ friendlyName: ZQueueName });
export type TCreateQueueInput = z.input<typeof ZCreateQueueInput>;

export const ZUpdateQueueInput = ZQueueSettings.partial().extend({ queueId: ZItemId, friendlyName: ZQueueName.optional() });
export type TUpdateQueueInput = z.input<typeof ZUpdateQueueInput>;

export const ZQueueIdInput = z.object({ queueId: ZItemId });

export const ZSetQueueSkillsInput = z.object({
  queueId: ZItemId,
  skills: z.array(z.object({ skillId: ZItemId, minLevel: z.number().int().min(1, "minLevel: 1 to 10").max(10, "minLevel: 1 to 10") })).max(50),
});
export type TSetQueueSkillsInput = z.input<typeof ZSetQueueSkillsInput>;

export const ZSetQueueAgentsInput = z.object({ queueId: ZItemId, agentIds: z.array(ZItemId).max(500) });
export type TSetQueueAgentsInput = z.input<typeof ZSetQueueAgentsInput>;

export const CALLBACK_STATUSES = ["pending", "offered", "dialing", "connected", "completed", "failed"] as const;
/** Callbacks not over yet: waiting for an agent, ringing one, calling the customer, or talking. */
export const OPEN_CALLBACK_STATUSES = ["pending", "offered", "dialing", "connected"] as const;

export const ZFindQueueCallbacksInput = z.object({
  queueId: ZItemId.optional(),
  /** open: not over yet; all: with the completed and failed ones too (the newest first after the open ones). */
  status: z.enum(["open", "all"], { error: "status: open or all" }).default("all"),
  limit: z.number().int().min(1, "limit: 1 to 200").max(200, "limit: 1 to 200").default(100),
});
export type TFindQueueCallbacksInput = z.input<typeof ZFindQueueCallbacksInput>;
