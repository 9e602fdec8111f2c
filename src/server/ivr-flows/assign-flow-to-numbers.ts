import { db } from "@/server/db";
import { recordAudit } from "@/server/audit/record-audit";
import { notFound } from "@/server/errors";
import { assertCanManageNumbers } from "@/server/numbers/phone-number-view";
import type { Actor } from "@/server/tenancy";
import { ZAssignFlowInput, type TAssignFlowInput } from "./ivr-flows.schemas";
import { FLOW_VIEW_INCLUDE, loadTenantFlow, toFlowView, type FlowView } from "./flow-view";

/**
 * The numbers that answer with this flow, exactly: the listed ones take it (their voice URL is dropped: a number
 * answers with a URL or a flow), the flow's other numbers lose it. Routing real calls is a number admin's change.
 */
export async function assignFlowToNumbers(actor: Actor, input: TAssignFlowInput): Promise<FlowView> {
  assertCanManageNumbers(actor);
  const { flowId, phoneNumberIds } = ZAssignFlowInput.parse(input);
  const wanted = [...new Set(phoneNumberIds)];
  return db.$transaction(async (tx) => {
    const flow = await loadTenantFlow(tx, actor.tenantId, flowId);
    const numbers = await tx.phoneNumber.findMany({ where: { id: { in: wanted }, tenantId: actor.tenantId }, select: { id: true } });
    // Another tenant's number reads exactly like a missing one.
    if (numbers.length !== wanted.length) throw notFound("phone number");
    const before = flow.phoneNumbers.map((n) => n.id);
    await tx.phoneNumber.updateMany({ where: { tenantId: actor.tenantId, voiceFlowId: flowId, id: { notIn: wanted } }, data: { voiceFlowId: null } });
    await tx.phoneNumber.updateMany({ where: { tenantId: actor.tenantId, id: { in: wanted } }, data: { voiceFlowId: flowId, voiceUrl: null } });
    const row = await tx.flow.findUniqueOrThrow({ where: { id: flowId }, include: FLOW_VIEW_INCLUDE });
    await recordAudit(tx, actor, { action: "flow.assigned", targetType: "flow", targetId: flowId, before: { phoneNumberIds: before }, after: { phoneNumberIds: wanted } });
    return toFlowView(row);
  });
}
