import { db } from "@/server/db";
import { toPage, type Page } from "@/server/shared/paging";
import { assertRole, type Actor } from "@/server/tenancy";
import { SIP_USER_ROLE, toSipUserView, type SipUserView } from "@/server/sip/sip-user-view";
import { ZFindSipUsersInput, type TFindSipUsersInput } from "@/server/sip/sip-users.schemas";

/** Newest first. Ids are ULIDs, so the cursor (the last id of a page) orders like createdAt. */
export async function findSipUsers(actor: Actor, input: TFindSipUsersInput = {}): Promise<Page<SipUserView>> {
  assertRole(actor, SIP_USER_ROLE);
  const { cursor, limit } = ZFindSipUsersInput.parse(input);
  const rows = await db.sipUser.findMany({
    where: { tenantId: actor.tenantId, ...(cursor ? { id: { lt: cursor } } : {}) },
    orderBy: { id: "desc" },
    take: limit + 1,
  });
  const page = toPage(rows, limit);
  return { ...page, items: page.items.map(toSipUserView) };
}
