import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { findTenants, usageSince } from "@/server/admin/find-tenants";
import { newId, newSid } from "@/server/shared/ids";
import { createTestTenant } from "@/test/factories";

const DAY_MS = 86_400_000;
const NOW = new Date();
const daysAgo = (n: number) => new Date(NOW.getTime() - n * DAY_MS);

async function addCalls(tenantId: string, count: number, createdAt: Date) {
  await db.call.createMany({
    data: Array.from({ length: count }, () => ({ id: newSid("CA"), tenantId, direction: "OUTBOUND_API" as const, from: "+15005550006", to: "+15005550100", statusCallbackEvents: [], createdAt, queuedAt: createdAt })),
  });
}

/** Five tenants of this file's own database (it starts empty), shaped to tell every filter and sort apart. */
async function seed() {
  const tag = randomBytes(3).toString("hex");
  const plan = await db.pricePlan.create({ data: { id: newId("pp"), name: `Pro ${tag}`, outboundMicrosPerMinute: 10_000n, inboundMicrosPerMinute: 5_000n } });
  const make = async (name: string, o: { createdDaysAgo: number; credit: bigint; status?: "ACTIVE" | "SUSPENDED"; deleting?: boolean; planId?: string }) => {
    const { tenant, user } = await createTestTenant({ name: `${name} ${tag}`, status: o.status });
    return {
      tenant: await db.tenant.update({
        where: { id: tenant.id },
        data: { createdAt: daysAgo(o.createdDaysAgo), creditMicros: o.credit, pricePlanId: o.planId ?? null, slug: `${name.toLowerCase()}-${tag}`, ...(o.deleting ? { deletionRequestedAt: NOW, status: "SUSPENDED" } : {}) },
      }),
      owner: user,
    };
  };
  const alpha = await make("Alpha", { createdDaysAgo: 50, credit: 5_000_000n, planId: plan.id });
  const bravo = await make("Bravo", { createdDaysAgo: 40, credit: 1_000_000n });
  const charlie = await make("Charlie", { createdDaysAgo: 30, credit: 9_000_000n, status: "SUSPENDED" });
  const delta = await make("Delta", { createdDaysAgo: 20, credit: 0n, deleting: true });
  const echo = await make("Echo", { createdDaysAgo: 10, credit: 3_000_000n, planId: plan.id });
  await db.user.update({ where: { id: bravo.owner.id }, data: { email: `ops-lead-${tag}@bravo.example` } });
  await addCalls(alpha.tenant.id, 3, daysAgo(1));
  await addCalls(alpha.tenant.id, 50, daysAgo(45)); // outside the last 30 days: not usage
  await addCalls(charlie.tenant.id, 7, daysAgo(2));
  await addCalls(echo.tenant.id, 5, NOW);
  return { tag, plan, alpha, bravo, charlie, delta, echo };
}

describe("findTenants", () => {
  let s: Awaited<ReturnType<typeof seed>>;
  const names = (r: { items: { name: string }[] }) => r.items.map((t) => t.name.split(" ")[0]);
  beforeAll(async () => {
    s = await seed();
  });

  it("lists the newest first with the total, owner, members, plan and calls of the last 30 days", async () => {
    const page = await findTenants({}, NOW);
    expect(page).toMatchObject({ total: 5, page: 1, pageSize: 50, usageSince: usageSince(NOW) });
    expect(names(page)).toEqual(["Echo", "Delta", "Charlie", "Bravo", "Alpha"]);
    expect(page.items.find((t) => t.id === s.alpha.tenant.id)).toMatchObject({ callsLast30Days: 3, memberCount: 1, ownerEmail: s.alpha.owner.email, pricePlanName: s.plan.name, creditMicros: 5_000_000n });
  });

  it("searches by part of the name, the slug, the id, the AccountSid and the owner's email", async () => {
    expect(names(await findTenants({ q: `harl` }, NOW))).toEqual(["Charlie"]);
    expect(names(await findTenants({ q: "BR" }, NOW))).toEqual(["Bravo"]); // short text: the start only
    expect(names(await findTenants({ q: `delta-${s.tag}` }, NOW))).toEqual(["Delta"]);
    expect(names(await findTenants({ q: s.echo.tenant.id }, NOW))).toEqual(["Echo"]);
    expect(names(await findTenants({ q: s.alpha.tenant.accountSid }, NOW))).toEqual(["Alpha"]);
    expect(names(await findTenants({ q: `ops-lead-${s.tag}` }, NOW))).toEqual(["Bravo"]);
    expect(await findTenants({ q: "no such tenant anywhere" }, NOW)).toMatchObject({ items: [], total: 0 });
  });

  it("filters by status (deleting apart from suspended), plan, created range and usage", async () => {
    expect(names(await findTenants({ status: "ACTIVE" }, NOW))).toEqual(["Echo", "Bravo", "Alpha"]);
    expect(names(await findTenants({ status: "SUSPENDED" }, NOW))).toEqual(["Charlie"]);
    expect(names(await findTenants({ status: "DELETING" }, NOW))).toEqual(["Delta"]);
    expect(names(await findTenants({ plan: s.plan.id }, NOW))).toEqual(["Echo", "Alpha"]);
    expect(names(await findTenants({ plan: "default" }, NOW))).toEqual(["Delta", "Charlie", "Bravo"]);
    expect(names(await findTenants({ createdFrom: daysAgo(35), createdTo: daysAgo(15) }, NOW))).toEqual(["Delta", "Charlie"]);
    expect(names(await findTenants({ usage: "active" }, NOW))).toEqual(["Echo", "Charlie", "Alpha"]);
    expect(names(await findTenants({ usage: "inactive", status: "ACTIVE" }, NOW))).toEqual(["Bravo"]);
  });

  it("sorts by name, credit, status and usage either way", async () => {
    expect(names(await findTenants({ sort: "name", dir: "asc" }, NOW))).toEqual(["Alpha", "Bravo", "Charlie", "Delta", "Echo"]);
    expect(names(await findTenants({ sort: "credit", dir: "desc" }, NOW))).toEqual(["Charlie", "Alpha", "Echo", "Bravo", "Delta"]);
    expect(names(await findTenants({ sort: "status", dir: "asc" }, NOW)).slice(3)).toEqual(["Charlie", "Delta"]);
    const byUsage = await findTenants({ sort: "usage", dir: "desc" }, NOW);
    expect(names(byUsage).slice(0, 3)).toEqual(["Charlie", "Echo", "Alpha"]);
    expect(byUsage.items.map((t) => t.callsLast30Days)).toEqual([7, 5, 3, 0, 0]);
  });

  it("pages with a stable total, also past the last page", async () => {
    const second = await findTenants({ sort: "name", dir: "asc", pageSize: 2, page: 2 }, NOW);
    expect(second).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(names(second)).toEqual(["Charlie", "Delta"]);
    expect(await findTenants({ pageSize: 2, page: 9, usage: "active" }, NOW)).toMatchObject({ items: [], total: 3 });
  });

  it("refuses bad input with a 400 naming the field", async () => {
    for (const [input, field] of [
      [{ sort: "revenue" }, "sort"],
      [{ dir: "up" }, "dir"],
      [{ pageSize: 101 }, "pageSize"],
      [{ page: 0 }, "page"],
      [{ createdFrom: "not a date" }, "createdFrom"],
      [{ status: "GONE" }, "status"],
      [{ usage: "heavy" }, "usage"],
      [{ q: "x".repeat(201) }, "q"],
    ] as const) {
      const error = await findTenants(input as never, NOW).catch((e: unknown) => e);
      expect(error, JSON.stringify(input)).toMatchObject({ code: "VALIDATION_FAILED", httpStatus: 400, details: { fieldErrors: { [field]: expect.any(Array) } } });
    }
  });
});
