// Staff open a workspace for a customer: the tenant with its plan, limits and opening credit, and its owner.
// An owner who already has an account becomes the owner at once; anyone else gets an owner invitation by email
// (the same invitation a workspace admin sends, accepted at /invite/<token>). Audited on the new tenant.
import { env } from "@/env";
import { recordAudit } from "@/server/audit/record-audit";
import { db } from "@/server/db";
import { sendEmail } from "@/server/email/send-email";
import { invitationTemplate } from "@/server/email/templates/invitation";
import { AppError } from "@/server/errors";
import { INVITATION_TTL_MS } from "@/server/invitations/create-invitation";
import { logger } from "@/server/logger";
import { newId } from "@/server/shared/ids";
import { issueToken } from "@/server/shared/secret-token";
import { slugify } from "@/server/tenant/slugify";
import { staffAuditActor, type StaffActor } from "@/server/admin/staff-actor";
import { ZCreateTenantInput, type TCreateTenantInput } from "@/server/admin/admin.schemas";
import { unknownPricePlan } from "@/server/admin/update-tenant-limits";

export interface CreatedTenant {
  tenantId: string;
  /** "member": the owner's existing account owns it now; "invited": an owner invitation went to the address. */
  owner: "member" | "invited";
}

export async function createTenant(staff: StaffActor & { userId: string }, rawInput: TCreateTenantInput): Promise<CreatedTenant> {
  const input = ZCreateTenantInput.parse(rawInput);
  const credit = BigInt(input.creditMicros);
  const tenantId = newId("tn");
  const existing = await db.user.findUnique({ where: { email: input.ownerEmail }, select: { id: true, isPlatformStaff: true } });
  if (existing?.isPlatformStaff) {
    throw new AppError("VALIDATION_FAILED", "ownerEmail: a staff account cannot own a tenant", { details: { fieldErrors: { ownerEmail: ["a staff account cannot own a tenant; use the customer's address"] } } });
  }
  const invitation = existing ? null : { id: newId("inv"), ...issueToken(), expiresAt: new Date(Date.now() + INVITATION_TTL_MS) };

  await db.$transaction(async (tx) => {
    if (input.pricePlanId && !(await tx.pricePlan.findUnique({ where: { id: input.pricePlanId }, select: { id: true } }))) throw unknownPricePlan();
    await tx.tenant.create({
      data: {
        id: tenantId,
        name: input.name,
        slug: slugify(input.name),
        creditMicros: credit,
        pricePlanId: input.pricePlanId,
        callsPerSecond: input.callsPerSecond,
        maxConcurrentCalls: input.maxConcurrentCalls,
        maxPhoneNumbers: input.maxPhoneNumbers,
        maxSeats: input.maxSeats,
      },
    });
    if (credit > 0n) {
      await tx.creditLedgerEntry.create({ data: { id: newId("cle"), tenantId, amountMicros: credit, balanceAfter: credit, currency: "USD", reason: "opening credit (staff)" } });
    }
    if (existing) {
      await tx.membership.create({ data: { id: newId("mem"), tenantId, userId: existing.id, role: "OWNER" } });
    } else {
      await tx.invitation.create({ data: { id: invitation!.id, tenantId, email: input.ownerEmail, role: "OWNER", tokenHash: invitation!.tokenHash, invitedById: staff.userId, expiresAt: invitation!.expiresAt } });
    }
    await recordAudit(tx, staffAuditActor(staff, tenantId), {
      action: "tenant.created",
      targetType: "tenant",
      targetId: tenantId,
      after: { ...input, owner: existing ? "member" : "invited" },
    });
  });

  if (invitation) {
    try {
      await sendEmail({ to: input.ownerEmail, ...invitationTemplate({ inviterName: "The IRISX team", tenantName: input.name, role: "OWNER", url: `${env.APP_URL}/invite/${invitation.token}` }) });
    } catch (err) {
      // The tenant stands; staff resend from the tenant page (or the owner asks for a new invitation).
      logger.warn({ err, tenantId }, "owner invitation email not sent");
    }
  }
  return { tenantId, owner: existing ? "member" : "invited" };
}
