// The caps staff set on a tenant (numbers held, seats). Checked inside the transaction that would add one, with
// the tenant's row locked, so two requests racing for the last slot cannot both take it.
import type { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/server/errors";

async function lockTenantCaps(tx: Prisma.TransactionClient, tenantId: string) {
  const rows = await tx.$queryRaw<{ maxPhoneNumbers: number | null; maxSeats: number | null }[]>`
    SELECT "maxPhoneNumbers", "maxSeats" FROM "Tenant" WHERE id = ${tenantId} FOR UPDATE`;
  return rows[0] ?? { maxPhoneNumbers: null, maxSeats: null };
}

function capReached(field: string, message: string): AppError {
  return new AppError("UNPROCESSABLE", message, { details: { fieldErrors: { [field]: [message] } } });
}

/** One more number would exceed the tenant's cap: refused, naming the field. */
export async function assertNumberCapRoom(tx: Prisma.TransactionClient, tenantId: string): Promise<void> {
  const { maxPhoneNumbers } = await lockTenantCaps(tx, tenantId);
  if (maxPhoneNumbers === null) return;
  if ((await tx.phoneNumber.count({ where: { tenantId } })) >= maxPhoneNumbers) {
    throw capReached("phoneNumber", `this account may hold at most ${maxPhoneNumbers} phone number${maxPhoneNumbers === 1 ? "" : "s"}; release one or ask support to raise the limit`);
  }
}

/** One more seat (a member or a pending invitation) would exceed the cap: refused, naming the field. */
export async function assertSeatCapRoom(tx: Prisma.TransactionClient, tenantId: string, now = new Date()): Promise<void> {
  const { maxSeats } = await lockTenantCaps(tx, tenantId);
  if (maxSeats === null) return;
  const [members, pending] = await Promise.all([
    tx.membership.count({ where: { tenantId } }),
    tx.invitation.count({ where: { tenantId, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } } }),
  ]);
  if (members + pending >= maxSeats) {
    throw capReached("email", `this workspace has ${maxSeats} seat${maxSeats === 1 ? "" : "s"}, all taken by members and pending invitations; remove one or ask support for more`);
  }
}
