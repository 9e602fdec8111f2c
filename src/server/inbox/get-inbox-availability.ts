import { db } from "@/server/db";
import { INBOX_ROLE } from "@/server/inbox/conversation-view";
import { assertRole, type Actor } from "@/server/tenancy";

/** The signed-in member's inbox availability (away until they say otherwise). */
export async function getInboxAvailability(actor: Actor): Promise<{ availability: "available" | "away"; capacity: number }> {
  assertRole(actor, INBOX_ROLE);
  const row = actor.userId ? await db.inboxAgentState.findUnique({ where: { tenantId_userId: { tenantId: actor.tenantId, userId: actor.userId } } }) : null;
  return { availability: row?.availability === "AVAILABLE" ? "available" : "away", capacity: row?.capacity ?? 10 };
}
