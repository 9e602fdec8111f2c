import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { NEWEST_FIRST, olderThan, toPage, type Page } from "@/server/shared/paging";
import { assertRole, type Actor } from "@/server/tenancy";
import { API_KEY_ROLE, API_KEY_VIEW_SELECT, type ApiKeyView } from "@/server/api-keys/api-key-view";
import { ZFindApiKeysInput, type TFindApiKeysInput } from "@/server/api-keys/api-keys.schemas";

/** A tenant's keys, newest first, paged by cursor (the id of the last key seen). */
export async function findApiKeys(actor: Actor, rawInput: TFindApiKeysInput = {}): Promise<Page<ApiKeyView>> {
  assertRole(actor, API_KEY_ROLE);
  const input = ZFindApiKeysInput.parse(rawInput);
  let after: { createdAt: Date; id: string } | null = null;
  if (input.cursor) {
    after = await db.apiKey.findFirst({ where: { id: input.cursor, tenantId: actor.tenantId }, select: { createdAt: true, id: true } });
    if (!after) throw new AppError("BAD_REQUEST", "starting_after does not name an API key of this account", { details: [{ field: "starting_after", message: "unknown cursor" }] });
  }
  const rows = await db.apiKey.findMany({
    where: { tenantId: actor.tenantId, ...(input.includeRevoked ? {} : { revokedAt: null }), ...(after ? olderThan(after) : {}) },
    orderBy: NEWEST_FIRST,
    take: input.limit + 1,
    select: API_KEY_VIEW_SELECT,
  });
  return toPage(rows, input.limit);
}
