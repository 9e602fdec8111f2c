import { db } from "@/server/db";
import { recordAudit } from "@/server/audit/record-audit";
import { AppError } from "@/server/errors";
import { blockingIssues, validateFlow } from "@/lib/ivr-flows/validate-flow";
import { newId } from "@/server/shared/ids";
import { assertRole, type Actor } from "@/server/tenancy";
import { ZFlowIdInput, type TFlowIdInput } from "./ivr-flows.schemas";
import { FLOW_VIEW_INCLUDE, FLOW_WRITE_ROLE, loadTenantFlow, readGraph, toFlowView, toVersionSummary, type FlowView } from "./flow-view";

/**
 * Freezes the draft as the next version and makes it the one new calls start on. Calls already running keep the
 * version they started with (their URLs name it). A draft with errors is refused with 422, each naming its node.
 */
export async function publishFlow(actor: Actor, input: TFlowIdInput): Promise<FlowView> {
  assertRole(actor, FLOW_WRITE_ROLE);
  const { id } = ZFlowIdInput.parse(input);
  return db.$transaction(async (tx) => {
    // Row lock: two publishes of one flow number their versions one after the other.
    await tx.$queryRaw`SELECT 1 FROM "Flow" WHERE "id" = ${id} AND "tenantId" = ${actor.tenantId} FOR UPDATE`;
    const flow = await loadTenantFlow(tx, actor.tenantId, id);
    const graph = readGraph(flow.draft);
    const errors = blockingIssues(validateFlow(graph));
    if (errors.length) {
      throw new AppError("UNPROCESSABLE", `the flow cannot be published: ${errors[0]!.message}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ""}`, {
        details: {
          fieldErrors: errors.reduce<Record<string, string[]>>((acc, e) => {
            const field = e.nodeId ? `nodes.${e.nodeId}` : "graph";
            (acc[field] ??= []).push(e.message);
            return acc;
          }, {}),
          issues: errors,
        },
      });
    }
    const last = await tx.flowVersion.findFirst({ where: { flowId: id }, orderBy: { number: "desc" }, select: { number: true } });
    const version = await tx.flowVersion.create({
      data: { id: newId("fv"), tenantId: actor.tenantId, flowId: id, number: (last?.number ?? 0) + 1, graph, publishedById: actor.userId },
    });
    const row = await tx.flow.update({ where: { id }, data: { publishedVersionId: version.id }, include: FLOW_VIEW_INCLUDE });
    await recordAudit(tx, actor, {
      action: "flow.published",
      targetType: "flow",
      targetId: id,
      before: flow.publishedVersion ? toVersionSummary(flow.publishedVersion) : null,
      after: toVersionSummary(version),
    });
    return toFlowView(row);
  });
}
