// Inputs of the flow use-cases in this folder. The graph itself is the shared model (src/lib/ivr-flows/flow-graph.ts).
import { z } from "zod";
import { ZFlowGraph } from "@/lib/ivr-flows/flow-graph";
import { ZPageInput } from "@/server/shared/paging";

export const ZFlowName = z.string().trim().min(1, "give the flow a name").max(80, "at most 80 characters");
export const ZFlowId = z.string().trim().min(1).max(64);

export const ZCreateFlowInput = z.object({
  name: ZFlowName,
  /** The first draft; absent: a start node, a greeting and a goodbye. */
  graph: ZFlowGraph.optional(),
});
export type TCreateFlowInput = z.input<typeof ZCreateFlowInput>;

export const ZFlowIdInput = z.object({ id: ZFlowId });
export type TFlowIdInput = z.input<typeof ZFlowIdInput>;

export const ZSaveFlowDraftInput = z.object({ id: ZFlowId, name: ZFlowName.optional(), graph: ZFlowGraph });
export type TSaveFlowDraftInput = z.input<typeof ZSaveFlowDraftInput>;

export const ZFindFlowsInput = ZPageInput;
export type TFindFlowsInput = z.input<typeof ZFindFlowsInput>;

export const ZFlowVersionInput = z.object({ flowId: ZFlowId, versionId: ZFlowId });
export type TFlowVersionInput = z.input<typeof ZFlowVersionInput>;

export const ZAssignFlowInput = z.object({
  flowId: ZFlowId,
  /** The numbers that answer with this flow from now on; numbers of the flow left out of the list are unassigned. */
  phoneNumberIds: z.array(z.string().trim().min(1).max(64)).max(500),
});
export type TAssignFlowInput = z.input<typeof ZAssignFlowInput>;

export const ZStartFlowTrialInput = z.object({
  flowId: z.string().trim().min(1).max(64),
  /** The saved draft (default) or the published version. */
  source: z.enum(["draft", "published"]).default("draft"),
});
export type TStartFlowTrialInput = z.input<typeof ZStartFlowTrialInput>;

export const ZAdvanceFlowTrialInput = z.object({
  flowId: z.string().trim().min(1).max(64),
  token: z.string().min(1).max(200_000),
  input: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("digits"), digits: z.string().regex(/^[0-9*#]{1,32}$/, { message: "keys 0-9, * and #" }) }),
    z.object({ kind: z.literal("speech"), transcript: z.string().trim().min(1).max(500) }),
    z.object({ kind: z.literal("timeout") }),
    z.object({ kind: z.literal("hangup") }),
  ]),
});
export type TAdvanceFlowTrialInput = z.input<typeof ZAdvanceFlowTrialInput>;
