import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { featureFlagsFor, findFeatureFlags, isFeatureEnabled, setFeatureFlagOverride, upsertFeatureFlag } from "@/server/flags/feature-flags";
import { evaluateFlag, rolloutBucket } from "@/server/flags/rollout";
import { newId } from "@/server/shared/ids";
import { createTestTenant } from "@/test/factories";

const TENANTS = Array.from({ length: 10_000 }, (_, i) => `tn_${i.toString(36).padStart(8, "0")}_${(i * 7919).toString(16)}`);
const staff = { userId: null, requestId: "req_flags" };

describe("percentage rollout over 10,000 tenants", () => {
  it.each([1, 5, 10, 25, 50, 90])("%i %% of tenants get it, within 1.5 points", (percent) => {
    const on = TENANTS.filter((t) => evaluateFlag("ivr_builder", { enabled: true, rolloutPercent: percent }, t, undefined)).length;
    expect(Math.abs((on / TENANTS.length) * 100 - percent)).toBeLessThan(1.5);
  });

  it("is stable, only grows with the percentage, and differs between flags", () => {
    expect(TENANTS.slice(0, 100).map((t) => rolloutBucket("a", t))).toEqual(TENANTS.slice(0, 100).map((t) => rolloutBucket("a", t)));
    const at = (p: number) => new Set(TENANTS.filter((t) => evaluateFlag("a", { enabled: true, rolloutPercent: p }, t, undefined)));
    const ten = at(10);
    const thirty = at(30);
    for (const t of ten) expect(thirty.has(t)).toBe(true);
    // Two flags at 50 % overlap on about a quarter of tenants, not half: independent picks.
    const other = new Set(TENANTS.filter((t) => evaluateFlag("b", { enabled: true, rolloutPercent: 50 }, t, undefined)));
    const both = [...at(50)].filter((t) => other.has(t)).length / TENANTS.length;
    expect(both).toBeGreaterThan(0.22);
    expect(both).toBeLessThan(0.28);
  });

  it("an override wins either way; disabled is off; no tenant gets only flags on for everyone", () => {
    expect(evaluateFlag("a", { enabled: false, rolloutPercent: 100 }, "tn_1", true)).toBe(true);
    expect(evaluateFlag("a", { enabled: true, rolloutPercent: 100 }, "tn_1", false)).toBe(false);
    expect(evaluateFlag("a", { enabled: false, rolloutPercent: 100 }, "tn_1", undefined)).toBe(false);
    expect(evaluateFlag("a", undefined, "tn_1", undefined)).toBe(false);
    expect(evaluateFlag("a", { enabled: true, rolloutPercent: 50 }, null, undefined)).toBe(false);
    expect(evaluateFlag("a", { enabled: true, rolloutPercent: 100 }, null, undefined)).toBe(true);
  });
});

describe("flags in the database", () => {
  it("staff changes are audited; the server helper and the UI map agree; overrides are per tenant", async () => {
    const key = `test_${newId("f").toLowerCase().replace(/[^a-z0-9]/g, "_")}`;
    const { tenant } = await createTestTenant();
    const other = await createTestTenant();
    await upsertFeatureFlag(staff, { key, description: "Visual IVR builder", enabled: false, rolloutPercent: 100 });
    expect(await isFeatureEnabled(key, tenant.id)).toBe(false);
    await upsertFeatureFlag(staff, { key, description: "Visual IVR builder", enabled: true, rolloutPercent: 100 });
    expect(await isFeatureEnabled(key, tenant.id)).toBe(true);
    expect((await featureFlagsFor(tenant.id))[key]).toBe(true);

    await setFeatureFlagOverride(staff, { key, tenantId: tenant.id, enabled: false });
    expect(await isFeatureEnabled(key, tenant.id)).toBe(false);
    expect((await featureFlagsFor(tenant.id))[key]).toBe(false);
    expect(await isFeatureEnabled(key, other.tenant.id)).toBe(true);
    expect((await findFeatureFlags()).find((f) => f.key === key)?.overrides).toEqual([{ tenantId: tenant.id, tenantName: tenant.name, enabled: false }]);
    await setFeatureFlagOverride(staff, { key, tenantId: tenant.id, enabled: null });
    expect(await isFeatureEnabled(key, tenant.id)).toBe(true);

    const audit = await db.auditLog.findMany({ where: { targetType: "feature_flag", targetId: key }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["feature_flag.created", "feature_flag.updated", "feature_flag.override_set", "feature_flag.override_set"]);
    expect(audit[2]).toMatchObject({ tenantId: tenant.id, after: { enabled: false } });
    expect(await isFeatureEnabled("no_such_flag", tenant.id)).toBe(false);
  });

  it("names the field of a bad key or percentage, and refuses overrides for an unknown flag or tenant", async () => {
    await expect(upsertFeatureFlag(staff, { key: "Bad Key", enabled: true, rolloutPercent: 10 })).rejects.toThrow(/lower_snake_case/);
    await expect(upsertFeatureFlag(staff, { key: "ok_key", enabled: true, rolloutPercent: 101 })).rejects.toThrow(/0 to 100/);
    await expect(setFeatureFlagOverride(staff, { key: "no_such_flag", tenantId: "tn_x", enabled: true })).rejects.toThrow(/feature flag not found/);
  });
});
