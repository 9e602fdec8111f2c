import { db } from "@/server/db";
import { assertRole, type Actor } from "@/server/tenancy";
import { ZSaveFlowDraftInput, type TSaveFlowDraftInput } from "./ivr-flows.schemas";
import { FLOW_VIEW_INCLUDE, FLOW_WRITE_ROLE, loadTenantFlow, toFlowView, type FlowView } from "./flow-view";

/**
 * Replaces the draft (and the name, when given). A draft may be incomplete: its problems come back in `issues`;
 * calls never run a draft, only published versions. Not audited: publishing is what changes what callers hear.
 */
export async function saveFlowDraft(actor: Actor, input: TSaveFlowDraftInput): Promise<FlowView> {
  assertRole(actor, FLOW_WRITE_ROLE);
  const { id, name, graph } = ZSaveFlowDraftInput.parse(input);
  await loadTenantFlow(db, actor.tenantId, id);
  const row = await db.flow.update({ where: { id }, data: { draft: graph, ...(name ? { name } : {}) }, include: FLOW_VIEW_INCLUDE });
  return toFlowView(row);
}
