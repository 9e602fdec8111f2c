// An identity value belongs to one contact of a tenant at most. Writers check first, so the 409 can name the
// contact that holds it (the portal then offers a merge); the unique index settles races.
import type { DbOrTx } from "@/server/db";
import { AppError } from "@/server/errors";
import type { IdentityKind } from "@/server/contacts/contacts.schemas";

export async function assertIdentitiesFree(tx: DbOrTx, tenantId: string, identities: { kind: IdentityKind; value: string }[], ownerId?: string): Promise<void> {
  if (identities.length === 0) return;
  const held = await tx.contactIdentity.findFirst({
    where: { tenantId, OR: identities.map((i) => ({ kind: i.kind, value: i.value })), ...(ownerId ? { contactId: { not: ownerId } } : {}) },
    select: { kind: true, value: true, contactId: true },
  });
  if (held) {
    throw new AppError("CONFLICT", `identity: ${held.kind.toLowerCase()} ${held.value} already belongs to contact ${held.contactId}; merge the two contacts instead`, {
      details: { fieldErrors: { identity: ["already belongs to another contact"] }, contactId: held.contactId, kind: held.kind, value: held.value },
    });
  }
}
