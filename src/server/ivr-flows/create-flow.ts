import { db } from "@/server/db";
import { recordAudit } from "@/server/audit/record-audit";
import { starterGraph } from "@/lib/ivr-flows/flow-graph";
import { newId } from "@/server/shared/ids";
import { assertRole, type Actor } from "@/server/tenancy";
import { ZCreateFlowInput, type TCreateFlowInput } from "./ivr-flows.schemas";
import { FLOW_VIEW_INCLUDE, FLOW_WRITE_ROLE, toFlowView, type FlowView } from "./flow-view";

/** A new flow with its first draft (a greeting unless a graph is given); nothing runs it until it is published. */
export async function createFlow(actor: Actor, input: TCreateFlowInput): Promise<FlowView> {
  assertRole(actor, FLOW_WRITE_ROLE);
  const { name, graph } = ZCreateFlowInput.parse(input);
  return db.$transaction(async (tx) => {
    const row = await tx.flow.create({
      data: { id: newId("flow"), tenantId: actor.tenantId, name, draft: graph ?? starterGraph() },
      include: FLOW_VIEW_INCLUDE,
    });
    await recordAudit(tx, actor, { action: "flow.created", targetType: "flow", targetId: row.id, after: { name } });
    return toFlowView(row);
  });
}
