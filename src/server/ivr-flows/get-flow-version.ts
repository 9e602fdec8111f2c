import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import type { FlowGraph } from "@/lib/ivr-flows/flow-graph";
import { assertRole, type Actor } from "@/server/tenancy";
import { ZFlowVersionInput, type TFlowVersionInput } from "./ivr-flows.schemas";
import { FLOW_READ_ROLE, readGraph, toVersionSummary, type FlowVersionSummary } from "./flow-view";

/** One published version with its graph (the builder shows it, and can take it back as the draft). */
export async function getFlowVersion(actor: Actor, input: TFlowVersionInput): Promise<FlowVersionSummary & { graph: FlowGraph }> {
  assertRole(actor, FLOW_READ_ROLE);
  const { flowId, versionId } = ZFlowVersionInput.parse(input);
  const row = await db.flowVersion.findFirst({ where: { id: versionId, flowId, tenantId: actor.tenantId } });
  if (!row) throw notFound("flow version");
  return { ...toVersionSummary(row), graph: readGraph(row.graph) };
}
