import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { assertRole, type Actor } from "@/server/tenancy";
import { API_KEY_ROLE, API_KEY_VIEW_SELECT, type ApiKeyView } from "@/server/api-keys/api-key-view";
import { ZFindApiKeysInput, type FindApiKeysInput } from "@/server/api-keys/api-keys.schemas";

export interface ApiKeyPage {
  items: ApiKeyView[];
  hasMore: boolean;
  /** Pass as `startingAfter` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** A tenant's keys, newest first, paged by cursor (the id of the last key seen). */
export async function findApiKeys(actor: Actor, rawInput: FindApiKeysInput = {}): Promise<ApiKeyPage> {
  assertRole(actor, API_KEY_ROLE);
  const input = ZFindApiKeysInput.parse(rawInput);
  let after: { createdAt: Date; id: string } | null = null;
  if (input.startingAfter) {
    after = await db.apiKey.findFirst({ where: { id: input.startingAfter, tenantId: actor.tenantId }, select: { createdAt: true, id: true } });
    if (!after) throw new AppError("BAD_REQUEST", "starting_after does not name an API key of this account", { details: [{ field: "starting_after", message: "unknown cursor" }] });
  }
  const rows = await db.apiKey.findMany({
    where: {
      tenantId: actor.tenantId,
      ...(input.includeRevoked ? {} : { revokedAt: null }),
      ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    select: API_KEY_VIEW_SELECT,
  });
  const hasMore = rows.length > input.limit;
  const items = hasMore ? rows.slice(0, input.limit) : rows;
  return { items, hasMore, nextCursor: hasMore ? (items.at(-1)?.id ?? null) : null };
}
