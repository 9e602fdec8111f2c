// A segment picks exactly the owners (or owners and admins) of the tenants that match plan, status and call activity,
// each address once. Every test builds the whole platform it asks about, so the expected lists are exact.
import { beforeEach, describe, expect, it } from "vitest";
import type { MemberRole } from "@/generated/prisma/enums";
import type { TBroadcastSegmentInput } from "@/server/broadcasts/broadcasts.schemas";
import { countSegmentRecipients, findSegmentRecipients } from "@/server/broadcasts/segment-recipients";
import { db } from "@/server/db";
import { newId, newSid } from "@/server/shared/ids";

const DAY = 86_400_000;
const NOW = new Date("2026-12-01T12:00:00Z");

async function tenant(name: string, opts: { plan?: string; status?: "ACTIVE" | "SUSPENDED"; callDaysAgo?: number[] } = {}) {
  const id = newId("tn");
  await db.tenant.create({ data: { id, name, slug: id, status: opts.status ?? "ACTIVE", pricePlanId: opts.plan ?? null } });
  for (const days of opts.callDaysAgo ?? []) {
    await db.call.create({ data: { id: newSid("CA"), tenantId: id, direction: "OUTBOUND_API", from: "+14155550100", to: "+14155550101", createdAt: new Date(NOW.getTime() - days * DAY) } });
  }
  return id;
}

async function member(tenantId: string, email: string, role: MemberRole, createdAt = NOW) {
  const user = (await db.user.findUnique({ where: { email } })) ?? (await db.user.create({ data: { id: newId("usr"), email, name: email.split("@")[0]!, passwordHash: "x" } }));
  await db.membership.create({ data: { id: newId("mem"), tenantId, userId: user.id, role, createdAt } });
}

const emails = async (segment: TBroadcastSegmentInput) => (await findSegmentRecipients(segment, { now: NOW })).map((r) => r.email);

beforeEach(async () => {
  await db.tenant.deleteMany();
  await db.user.deleteMany({ where: { isPlatformStaff: false } });
  await db.pricePlan.deleteMany({ where: { id: { in: ["pp_pro", "pp_team"] } } });
  for (const id of ["pp_pro", "pp_team"]) {
    await db.pricePlan.create({ data: { id, name: `${id} ${newId("x")}`, outboundMicrosPerMinute: 10_000n, inboundMicrosPerMinute: 5_000n } });
  }
});

describe("broadcast segments", () => {
  it("pick owners, or owners and admins, never supervisors, agents or developers", async () => {
    const a = await tenant("Alpha");
    await member(a, "owner-a@example.test", "OWNER");
    await member(a, "admin-a@example.test", "ADMIN");
    await member(a, "super-a@example.test", "SUPERVISOR");
    await member(a, "agent-a@example.test", "AGENT");
    await member(a, "dev-a@example.test", "DEVELOPER");
    expect(await emails({ audience: "owners" })).toEqual(["owner-a@example.test"]);
    expect(await emails({ audience: "owners_and_admins" })).toEqual(["admin-a@example.test", "owner-a@example.test"]);
    expect(await countSegmentRecipients({ audience: "owners_and_admins" }, { now: NOW })).toBe(2);
  });

  it("filter by plan (the default plan included by name) and by status", async () => {
    await member(await tenant("Pro active", { plan: "pp_pro" }), "pro@example.test", "OWNER");
    await member(await tenant("Team active", { plan: "pp_team" }), "team@example.test", "OWNER");
    await member(await tenant("Default active"), "default@example.test", "OWNER");
    await member(await tenant("Pro suspended", { plan: "pp_pro", status: "SUSPENDED" }), "pro-suspended@example.test", "OWNER");

    expect(await emails({ plans: ["pp_pro"] })).toEqual(["pro-suspended@example.test", "pro@example.test"]);
    expect(await emails({ plans: ["default"] })).toEqual(["default@example.test"]);
    expect(await emails({ plans: ["default", "pp_team"] })).toEqual(["default@example.test", "team@example.test"]);
    expect(await emails({ statuses: ["SUSPENDED"] })).toEqual(["pro-suspended@example.test"]);
    expect(await emails({ plans: ["pp_pro"], statuses: ["ACTIVE"] })).toEqual(["pro@example.test"]);
    expect(await emails({})).toHaveLength(4);
  });

  it("filter by calls in the last N days, or none in them (tenants that never called included)", async () => {
    await member(await tenant("Called yesterday", { callDaysAgo: [1] }), "recent@example.test", "OWNER");
    await member(await tenant("Called 20 days ago", { callDaysAgo: [20, 40] }), "older@example.test", "OWNER");
    await member(await tenant("Never called"), "never@example.test", "OWNER");

    expect(await emails({ activity: { kind: "called_within", days: 7 } })).toEqual(["recent@example.test"]);
    expect(await emails({ activity: { kind: "called_within", days: 30 } })).toEqual(["older@example.test", "recent@example.test"]);
    expect(await emails({ activity: { kind: "no_calls_within", days: 7 } })).toEqual(["never@example.test", "older@example.test"]);
    expect(await emails({ activity: { kind: "no_calls_within", days: 30 } })).toEqual(["never@example.test"]);
    // The boundary: a call exactly N days ago counts as within them.
    await member(await tenant("Called 10 days ago", { callDaysAgo: [10] }), "ten@example.test", "OWNER");
    expect(await emails({ activity: { kind: "called_within", days: 10 } })).toContain("ten@example.test");
  });

  it("mail a person in several matching tenants once, as the tenant they own", async () => {
    const first = await tenant("First");
    const second = await tenant("Second");
    await member(first, "both@example.test", "ADMIN", new Date(NOW.getTime() - 10 * DAY));
    await member(second, "both@example.test", "OWNER", NOW);
    const rows = await findSegmentRecipients({ audience: "owners_and_admins" }, { now: NOW });
    expect(rows).toEqual([expect.objectContaining({ email: "both@example.test", tenantId: second, tenantName: "Second" })]);
    expect(await countSegmentRecipients({ audience: "owners_and_admins" }, { now: NOW })).toBe(1);
  });
});
