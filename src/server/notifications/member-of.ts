import { AppError } from "@/server/errors";
import { NOTIFICATION_ROLE } from "@/server/notifications/notifications.schemas";
import { assertRole, type Actor } from "@/server/tenancy";

/** The signed-in member a bell belongs to (an API key has none). */
export function bellOwner(actor: Actor): { tenantId: string; userId: string } {
  assertRole(actor, NOTIFICATION_ROLE);
  if (!actor.userId) throw new AppError("FORBIDDEN", "notifications belong to a signed-in member, not to an API key");
  return { tenantId: actor.tenantId, userId: actor.userId };
}
