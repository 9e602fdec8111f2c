// Feature flags: evaluated here for the server (isFeatureEnabled) and, through tRPC, for the UI (one map per tenant),
// and changed by platform staff (audited: global changes on the platform log, overrides on the tenant's too).
// Read fresh from PostgreSQL each time (two small indexed queries), so every app instance agrees at once.
import { db } from "@/server/db";
import { recordAudit } from "@/server/audit/record-audit";
import { AppError } from "@/server/errors";
import { staffAuditActor, type StaffActor } from "@/server/admin/staff-actor";
import { evaluateFlag } from "@/server/flags/rollout";
import { ZFlagOverrideInput, ZUpsertFlagInput, type TFlagOverrideInput, type TUpsertFlagInput } from "@/server/flags/flags.schemas";

/** Every flag's answer for the tenant (null: no tenant, only flags on for everyone). */
export async function featureFlagsFor(tenantId: string | null): Promise<Record<string, boolean>> {
  const [flags, overrides] = await Promise.all([
    db.featureFlag.findMany({ select: { key: true, enabled: true, rolloutPercent: true } }),
    tenantId ? db.featureFlagOverride.findMany({ where: { tenantId }, select: { flagKey: true, enabled: true } }) : Promise.resolve([]),
  ]);
  const byKey = new Map(overrides.map((o) => [o.flagKey, o.enabled]));
  return Object.fromEntries(flags.map((f) => [f.key, evaluateFlag(f.key, f, tenantId, byKey.get(f.key))]));
}

/** One flag for one tenant; an unknown flag is off. */
export async function isFeatureEnabled(key: string, tenantId: string | null): Promise<boolean> {
  const [flag, override] = await Promise.all([
    db.featureFlag.findUnique({ where: { key }, select: { enabled: true, rolloutPercent: true } }),
    tenantId ? db.featureFlagOverride.findUnique({ where: { flagKey_tenantId: { flagKey: key, tenantId } }, select: { enabled: true } }) : Promise.resolve(null),
  ]);
  return evaluateFlag(key, flag ?? undefined, tenantId, override?.enabled);
}


export async function findFeatureFlags() {
  const flags = await db.featureFlag.findMany({ orderBy: { key: "asc" }, include: { overrides: { select: { tenantId: true, enabled: true, tenant: { select: { name: true } } } } } });
  return flags.map(({ overrides, ...f }) => ({ ...f, overrides: overrides.map((o) => ({ tenantId: o.tenantId, tenantName: o.tenant.name, enabled: o.enabled })) }));
}

/** Creates or changes a flag (its key stays); audited with the before and after. */
export async function upsertFeatureFlag(staff: StaffActor, input: TUpsertFlagInput) {
  const f = ZUpsertFlagInput.parse(input);
  return db.$transaction(async (tx) => {
    const before = await tx.featureFlag.findUnique({ where: { key: f.key }, select: { enabled: true, rolloutPercent: true, description: true } });
    const after = await tx.featureFlag.upsert({
      where: { key: f.key },
      create: f,
      update: { description: f.description, enabled: f.enabled, rolloutPercent: f.rolloutPercent },
    });
    await recordAudit(tx, staffAuditActor(staff, null), { action: before ? "feature_flag.updated" : "feature_flag.created", targetType: "feature_flag", targetId: f.key, before, after: { enabled: after.enabled, rolloutPercent: after.rolloutPercent, description: after.description } });
    return after;
  });
}

/** Forces a flag on or off for one tenant (null removes the override); audited on the tenant too. */
export async function setFeatureFlagOverride(staff: StaffActor, input: TFlagOverrideInput) {
  const o = ZFlagOverrideInput.parse(input);
  return db.$transaction(async (tx) => {
    if (!(await tx.featureFlag.findUnique({ where: { key: o.key }, select: { key: true } }))) throw new AppError("NOT_FOUND", "feature flag not found");
    if (!(await tx.tenant.findUnique({ where: { id: o.tenantId }, select: { id: true } }))) throw new AppError("NOT_FOUND", "tenant not found");
    const where = { flagKey_tenantId: { flagKey: o.key, tenantId: o.tenantId } };
    const before = await tx.featureFlagOverride.findUnique({ where, select: { enabled: true } });
    if (o.enabled === null) await tx.featureFlagOverride.deleteMany({ where: { flagKey: o.key, tenantId: o.tenantId } });
    else await tx.featureFlagOverride.upsert({ where, create: { flagKey: o.key, tenantId: o.tenantId, enabled: o.enabled }, update: { enabled: o.enabled } });
    await recordAudit(tx, staffAuditActor(staff, o.tenantId), { action: "feature_flag.override_set", targetType: "feature_flag", targetId: o.key, before, after: o.enabled === null ? null : { enabled: o.enabled } });
    return { key: o.key, tenantId: o.tenantId, enabled: o.enabled };
  });
}
