import { db } from "@/server/db";
import { assertRole, type Actor } from "@/server/tenancy";
import { ZFlowIdInput, type TFlowIdInput } from "./ivr-flows.schemas";
import { FLOW_READ_ROLE, loadTenantFlow, toVersionSummary, type FlowVersionSummary } from "./flow-view";

/** The published versions of a flow, newest first (a flow keeps every version: calls may still run an old one). */
export async function findFlowVersions(actor: Actor, input: TFlowIdInput): Promise<FlowVersionSummary[]> {
  assertRole(actor, FLOW_READ_ROLE);
  const { id } = ZFlowIdInput.parse(input);
  await loadTenantFlow(db, actor.tenantId, id);
  const rows = await db.flowVersion.findMany({ where: { flowId: id, tenantId: actor.tenantId }, orderBy: { number: "desc" }, take: 200 });
  return rows.map(toVersionSummary);
}
