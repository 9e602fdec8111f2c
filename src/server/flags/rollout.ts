// Which tenants a partly rolled-out flag is on for: a stable bucket 0–99 from a hash of the flag and the tenant, so a
// tenant keeps its answer while the percentage only grows, and each flag picks a different set of tenants.
import { createHash } from "node:crypto";

export function rolloutBucket(flagKey: string, tenantId: string): number {
  return createHash("sha256").update(`${flagKey}\u0000${tenantId}`).digest().readUInt32BE(0) % 100;
}

export interface FlagRule {
  enabled: boolean;
  rolloutPercent: number;
}

/** An override wins; otherwise a disabled flag is off and an enabled one is on for its bucket share. */
export function evaluateFlag(key: string, rule: FlagRule | undefined, tenantId: string | null, override: boolean | undefined): boolean {
  if (override !== undefined) return override;
  if (!rule?.enabled) return false;
  if (rule.rolloutPercent >= 100) return true;
  if (!tenantId) return false;
  return rolloutBucket(key, tenantId) < rule.rolloutPercent;
}
