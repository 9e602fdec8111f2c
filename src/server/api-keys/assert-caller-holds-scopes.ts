import type { Tx } from "@/server/db";
import { AppError } from "@/server/errors";
import type { Actor } from "@/server/tenancy";
import { scopeAllows } from "@/server/api-keys/api-keys.schemas";

/**
 * A key acting on keys (creating or revoking them) may only touch keys whose scopes it holds itself, or
 * `api_keys:write` would be a path to `*` (mint one) or a way to cut off a stronger key (revoke it). People in the
 * portal act with their role instead: nothing to check for them.
 */
export async function assertCallerHoldsScopes(tx: Tx, actor: Actor, scopes: readonly string[], verb: "grant" | "revoke"): Promise<void> {
  if (!actor.apiKeyId) return;
  const caller = await tx.apiKey.findFirst({ where: { id: actor.apiKeyId, tenantId: actor.tenantId }, select: { scopes: true } });
  const denied = scopes.filter((s) => !scopeAllows(caller?.scopes ?? [], s as never));
  if (denied.length === 0) return;
  const what = verb === "grant" ? "grant scopes it does not hold" : "revoke a key with scopes it does not hold";
  throw new AppError("FORBIDDEN", `this API key cannot ${what}: ${denied.join(", ")}`, {
    details: denied.map((s) => ({ field: "scopes", message: `not held by the calling key: ${s}` })),
  });
}
