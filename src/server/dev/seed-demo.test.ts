import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD, DEMO_PHONE_NUMBER, seedDemo } from "@/server/dev/seed-demo";
import { authenticateUser } from "@/server/auth/authenticate-user";
import { db } from "@/server/db";

describe("seedDemo", () => {
  it("creates the demo tenant and users, and running it twice changes nothing", async () => {
    const first = await seedDemo(db);
    const second = await seedDemo(db);
    expect(second.tenantId).toBe(first.tenantId);
    expect(await db.tenant.count({ where: { slug: "demo-co" } })).toBe(1);
    expect(await db.membership.findMany({ where: { tenantId: first.tenantId }, select: { role: true }, orderBy: { role: "asc" } })).toHaveLength(3);
    expect(await db.creditLedgerEntry.count({ where: { tenantId: first.tenantId } })).toBe(1);
    expect(await db.phoneNumber.findMany({ where: { tenantId: first.tenantId }, select: { e164: true, voiceEnabled: true } })).toEqual([{ e164: DEMO_PHONE_NUMBER, voiceEnabled: true }]);
    await expect(authenticateUser({ email: "owner@demo.irisx.local", password: DEMO_PASSWORD })).resolves.toMatchObject({ isPlatformStaff: false });
    await expect(authenticateUser({ email: "staff@irisx.local", password: DEMO_PASSWORD })).resolves.toMatchObject({ isPlatformStaff: true });
  });
});
