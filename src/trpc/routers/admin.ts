import { z } from "zod";
import { ZUpdateTenantVoiceLimitsInput } from "@/server/admin/admin.schemas";
import { assignPhoneNumber, type TAssignPhoneNumberInput } from "@/server/admin/assign-phone-number";
import { findTenants } from "@/server/admin/find-tenants";
import { findPlatformAudit, ZFindPlatformAuditInput } from "@/server/admin/platform-audit";
import { adjustTenantCredit, reinstateTenant, suspendTenant, ZAdjustCreditInput, ZReinstateTenantInput, ZSuspendTenantInput } from "@/server/admin/tenant-access";
import { ZFlagOverrideInput, ZUpsertFlagInput } from "@/server/flags/flags.schemas";
import { findFeatureFlags, setFeatureFlagOverride, upsertFeatureFlag } from "@/server/flags/feature-flags";
import { findPricePlans, updateTenantVoiceLimits } from "@/server/admin/update-tenant-voice-limits";
import { createTRPCRouter, staffProcedure } from "@/trpc/init";

export const adminRouter = createTRPCRouter({
  tenants: staffProcedure.input(z.object({ limit: z.number().int().min(1).max(500).default(200) }).optional()).query(({ input }) => findTenants({ limit: input?.limit })),
  pricePlans: staffProcedure.query(() => findPricePlans()),
  updateVoiceLimits: staffProcedure
    .input(ZUpdateTenantVoiceLimitsInput)
    .mutation(({ ctx, input }) => updateTenantVoiceLimits({ userId: ctx.user.id, requestId: ctx.requestId, ip: ctx.ip }, input)),
  suspendTenant: staffProcedure.input(ZSuspendTenantInput).mutation(({ ctx, input }) => suspendTenant({ userId: ctx.user.id, requestId: ctx.requestId, ip: ctx.ip }, input)),
  reinstateTenant: staffProcedure.input(ZReinstateTenantInput).mutation(({ ctx, input }) => reinstateTenant({ userId: ctx.user.id, requestId: ctx.requestId, ip: ctx.ip }, input)),
  adjustCredit: staffProcedure.input(ZAdjustCreditInput).mutation(({ ctx, input }) => adjustTenantCredit({ userId: ctx.user.id, requestId: ctx.requestId, ip: ctx.ip }, input)),
  audit: staffProcedure.input(ZFindPlatformAuditInput).query(({ input }) => findPlatformAudit(input)),
  flags: staffProcedure.query(() => findFeatureFlags()),
  upsertFlag: staffProcedure.input(ZUpsertFlagInput).mutation(({ ctx, input }) => upsertFeatureFlag({ userId: ctx.user.id, requestId: ctx.requestId, ip: ctx.ip }, input)),
  setFlagOverride: staffProcedure.input(ZFlagOverrideInput).mutation(({ ctx, input }) => setFeatureFlagOverride({ userId: ctx.user.id, requestId: ctx.requestId, ip: ctx.ip }, input)),
  assignNumber: staffProcedure
    .input(z.object({ tenantId: z.string().min(1).max(64), phoneNumber: z.string().max(32), friendlyName: z.string().max(64).optional() }))
    .mutation(({ ctx, input }) => assignPhoneNumber({ userId: ctx.user.id, requestId: ctx.requestId, ip: ctx.ip }, input satisfies TAssignPhoneNumberInput)),
});
