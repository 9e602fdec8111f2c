// Demo data for local development: one tenant ("Demo Co") with an owner, a supervisor and an agent, plus a
// platform staff user. Safe to run again: rows are found by their natural keys and brought back to this shape.
import type { MemberRole } from "@/generated/prisma/enums";
import { hashPassword } from "@/server/auth/password";
import type { Db } from "@/server/db";
import { recordMilestone } from "@/server/onboarding/record-milestone";
import { newId, newSid } from "@/server/shared/ids";

export const DEMO_PASSWORD = "demo-password-123";
export const DEMO_TENANT_SLUG = "demo-co";
const TRIAL_CREDIT = 10_000_000n;
/** The demo's voice number, so the portal's test-call form has a caller id from the start (a Twilio test number). */
export const DEMO_PHONE_NUMBER = "+15005550006";

export const DEMO_USERS: { email: string; name: string; role: MemberRole | null; isPlatformStaff: boolean }[] = [
  { email: "owner@demo.irisx.local", name: "Olivia Owner", role: "OWNER", isPlatformStaff: false },
  { email: "supervisor@demo.irisx.local", name: "Sam Supervisor", role: "SUPERVISOR", isPlatformStaff: false },
  { email: "agent@demo.irisx.local", name: "Alex Agent", role: "AGENT", isPlatformStaff: false },
  { email: "staff@irisx.local", name: "Pat Staff", role: null, isPlatformStaff: true },
  // A second staff member: /admin asks each to set up two-factor authentication on the first visit.
  { email: "ops@irisx.local", name: "Olly Ops", role: null, isPlatformStaff: true },
];

export async function seedDemo(db: Db): Promise<{ tenantId: string }> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.$transaction(async (tx) => {
    let tenant = await tx.tenant.findUnique({ where: { slug: DEMO_TENANT_SLUG } });
    if (!tenant) {
      tenant = await tx.tenant.create({ data: { id: newId("tn"), name: "Demo Co", slug: DEMO_TENANT_SLUG, creditMicros: TRIAL_CREDIT } });
      await tx.creditLedgerEntry.create({
        data: { id: newId("cle"), tenantId: tenant.id, amountMicros: TRIAL_CREDIT, balanceAfter: TRIAL_CREDIT, currency: "USD", reason: "trial_credit" },
      });
    }
    for (const u of DEMO_USERS) {
      const user = await tx.user.upsert({
        where: { email: u.email },
        create: { id: newId("usr"), email: u.email, name: u.name, passwordHash, emailVerifiedAt: new Date(), isPlatformStaff: u.isPlatformStaff, staffRole: u.isPlatformStaff ? "OWNER" : null },
        // A staff member's role stays as the owners set it; only non-staff lose one.
        update: { passwordHash, isPlatformStaff: u.isPlatformStaff, ...(u.isPlatformStaff ? {} : { staffRole: null }) },
      });
      if (!user.emailVerifiedAt) await tx.user.update({ where: { id: user.id }, data: { emailVerifiedAt: new Date() } });
      if (u.role) {
        await tx.membership.upsert({
          where: { tenantId_userId: { tenantId: tenant.id, userId: user.id } },
          create: { id: newId("mem"), tenantId: tenant.id, userId: user.id, role: u.role },
          update: { role: u.role },
        });
      }
    }
    await recordMilestone(tx, tenant.id, "email_verified");
    // Left alone when it exists (in this tenant with the user's edits, or released to another account).
    if (!(await tx.phoneNumber.findUnique({ where: { e164: DEMO_PHONE_NUMBER }, select: { id: true } }))) {
      await tx.phoneNumber.create({ data: { id: newSid("PN"), tenantId: tenant.id, e164: DEMO_PHONE_NUMBER, friendlyName: "Demo line", origin: "ASSIGNED" } });
      await recordMilestone(tx, tenant.id, "number_added");
    }
    return { tenantId: tenant.id };
  });
}
