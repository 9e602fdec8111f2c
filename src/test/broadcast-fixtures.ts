// Broadcast test data: tenants on a price plan of their own, so a segment on that plan picks exactly them whatever
// else the test file's database holds; a staff member; a draft to that segment.
import type { StaffRole } from "@/generated/prisma/enums";
import type { StaffActor } from "@/server/admin/staff-actor";
import type { TBroadcastSegmentInput } from "@/server/broadcasts/broadcasts.schemas";
import { createBroadcastDraft } from "@/server/broadcasts/create-broadcast-draft";
import { db } from "@/server/db";
import { newId } from "@/server/shared/ids";

/** `owners` tenants with one owner each on a new price plan; the segment picks exactly those owners. */
export async function tenantsOnOwnPlan(owners: number, opts: { tenantName?: (i: number) => string; email?: (i: number) => string } = {}) {
  const planId = newId("pp");
  await db.pricePlan.create({ data: { id: planId, name: planId, outboundMicrosPerMinute: 10_000n, inboundMicrosPerMinute: 5_000n } });
  const emails: string[] = [];
  for (let i = 0; i < owners; i++) {
    const tenantId = newId("tn");
    const userId = newId("usr");
    const email = opts.email?.(i) ?? `owner-${i}-${userId.slice(-8).toLowerCase()}@example.test`;
    await db.tenant.create({ data: { id: tenantId, name: opts.tenantName?.(i) ?? `Tenant ${i}`, slug: tenantId, pricePlanId: planId } });
    await db.user.create({ data: { id: userId, email, name: `Owner ${i}`, passwordHash: "x" } });
    await db.membership.create({ data: { id: newId("mem"), tenantId, userId, role: "OWNER" } });
    emails.push(email);
  }
  const segment: TBroadcastSegmentInput = { audience: "owners", plans: [planId] };
  return { planId, segment, emails: emails.sort() };
}

export async function staffMember(staffRole: StaffRole = "OPERATOR") {
  const user = await db.user.create({ data: { id: newId("usr"), email: `${newId("staff").toLowerCase()}@irisx.test`, name: "Sam Staff", passwordHash: "x", isPlatformStaff: true, staffRole } });
  const actor: StaffActor = { userId: user.id, requestId: newId("req"), ip: "203.0.113.9" };
  return { user, actor };
}

export async function draftTo(staff: StaffActor, segment: TBroadcastSegmentInput, content: { subject?: string; bodyMarkdown?: string } = {}) {
  return createBroadcastDraft(staff, { subject: content.subject ?? "News for {{tenant.name}}", bodyMarkdown: content.bodyMarkdown ?? "Hello {{user.name}},\n\nSomething **new**.", segment });
}
