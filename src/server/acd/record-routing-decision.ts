import type { DbOrTx } from "@/server/db";
import { newId } from "@/server/shared/ids";

export type RoutingOutcome = "offered" | "answered" | "missed" | "assigned" | "abandoned" | "released" | "overflowed" | "callback-requested" | "callback-retry" | "callback-failed" | "callback-completed";

/** One line of a queue's decision log: what the router did with an item, and why. */
export async function recordRoutingDecision(
  client: DbOrTx,
  input: { tenantId: string; queueId: string; itemKind: "call" | "conversation" | "callback"; itemId: string; agentId: string | null; outcome: RoutingOutcome; reason: string },
): Promise<void> {
  await client.routingDecision.create({ data: { id: newId("rd"), ...input, reason: input.reason.slice(0, 500) } });
}
