import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { INBOX_ROLE } from "@/server/inbox/conversation-view";
import { ZSetInboxAvailabilityInput, type TSetInboxAvailabilityInput } from "@/server/inbox/inbox.schemas";
import { assertRole, type Actor } from "@/server/tenancy";

/** The signed-in member says whether round-robin may give them new conversations, and how many at once. */
export async function setInboxAvailability(actor: Actor, rawInput: TSetInboxAvailabilityInput): Promise<{ availability: "available" | "away"; capacity: number }> {
  assertRole(actor, INBOX_ROLE);
  if (!actor.userId) throw new AppError("FORBIDDEN", "only a signed-in member has an inbox availability");
  const input = ZSetInboxAvailabilityInput.parse(rawInput);
  const availability = input.availability === "available" ? "AVAILABLE" : "AWAY";
  const row = await db.inboxAgentState.upsert({
    where: { tenantId_userId: { tenantId: actor.tenantId, userId: actor.userId } },
    create: { tenantId: actor.tenantId, userId: actor.userId, availability, capacity: input.capacity ?? 10 },
    update: { availability, ...(input.capacity ? { capacity: input.capacity } : {}) },
  });
  return { availability: input.availability, capacity: row.capacity };
}
