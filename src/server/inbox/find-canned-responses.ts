import { db } from "@/server/db";
import { INBOX_ROLE } from "@/server/inbox/conversation-view";
import { assertRole, type Actor } from "@/server/tenancy";

export interface CannedResponseView {
  id: string;
  shortCode: string;
  body: string;
}

/** The tenant's canned responses by short code (the composer's "/" menu; a few hundred at most). */
export async function findCannedResponses(actor: Actor): Promise<CannedResponseView[]> {
  assertRole(actor, INBOX_ROLE);
  return db.cannedResponse.findMany({ where: { tenantId: actor.tenantId }, orderBy: { shortCode: "asc" }, select: { id: true, shortCode: true, body: true }, take: 500 });
}
