import { db } from "@/server/db";
import { assertRole, type Actor } from "@/server/tenancy";
import { ZFlowIdInput, type TFlowIdInput } from "./ivr-flows.schemas";
import { FLOW_READ_ROLE, loadTenantFlow, toFlowView, type FlowView } from "./flow-view";

export async function getFlow(actor: Actor, input: TFlowIdInput): Promise<FlowView> {
  assertRole(actor, FLOW_READ_ROLE);
  const { id } = ZFlowIdInput.parse(input);
  return toFlowView(await loadTenantFlow(db, actor.tenantId, id));
}
