import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { NEWEST_FIRST, olderThan, toPage, type Page } from "@/server/shared/paging";
import { assertRole, type Actor } from "@/server/tenancy";
import { ZFindFlowsInput, type TFindFlowsInput } from "./ivr-flows.schemas";
import { FLOW_READ_ROLE, FLOW_VIEW_INCLUDE, toFlowSummary, type FlowSummary } from "./flow-view";

/** A tenant's flows, newest first, paged by cursor (the id of the last flow seen). */
export async function findFlows(actor: Actor, rawInput: TFindFlowsInput = {}): Promise<Page<FlowSummary>> {
  assertRole(actor, FLOW_READ_ROLE);
  const input = ZFindFlowsInput.parse(rawInput);
  let after: { createdAt: Date; id: string } | null = null;
  if (input.cursor) {
    after = await db.flow.findFirst({ where: { id: input.cursor, tenantId: actor.tenantId }, select: { createdAt: true, id: true } });
    if (!after) throw new AppError("BAD_REQUEST", "starting_after does not name a flow of this account", { details: [{ field: "starting_after", message: "unknown cursor" }] });
  }
  const rows = await db.flow.findMany({
    where: { tenantId: actor.tenantId, ...(after ? olderThan(after) : {}) },
    include: FLOW_VIEW_INCLUDE,
    orderBy: NEWEST_FIRST,
    take: input.limit + 1,
  });
  const page = toPage(rows, input.limit);
  return { ...page, items: page.items.map(toFlowSummary) };
}
