import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import { assertRole, type Actor } from "@/server/tenancy";
import { API_KEY_ROLE, API_KEY_VIEW_SELECT, type ApiKeyView } from "@/server/api-keys/api-key-view";

/** One key of the actor's tenant; another tenant's key is NOT_FOUND, exactly like a missing one. */
export async function getApiKey(actor: Actor, id: string): Promise<ApiKeyView> {
  assertRole(actor, API_KEY_ROLE);
  const key = await db.apiKey.findFirst({ where: { id, tenantId: actor.tenantId }, select: API_KEY_VIEW_SELECT });
  if (!key) throw notFound("API key");
  return key;
}
