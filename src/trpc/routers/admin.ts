import { z } from "zod";
import { ZCreateTenantInput, ZDeleteTenantInput, ZTenantIdInput, ZUpdateTenantLimitsInput } from "@/server/admin/admin.schemas";
import { createTenant } from "@/server/admin/create-tenant";
import { getTenantDetail } from "@/server/admin/get-tenant-detail";
import { cancelTenantDeletion, scheduleTenantDeletion } from "@/server/admin/tenant-deletion";
import { assignPhoneNumber, type TAssignPhoneNumberInput } from "@/server/admin/assign-phone-number";
import { findTenants, ZFindTenantsInput } from "@/server/admin/find-tenants";
import { globalSearch, ZGlobalSearchInput } from "@/server/admin/global-search";
import { findHealthHistory, ZHealthHistoryInput } from "@/server/admin/find-health-history";
import { findRecentFailures } from "@/server/admin/find-recent-failures";
import { getPlatformHealth } from "@/server/admin/platform-health";
import { getPlatformUsage, ZPlatformUsageInput } from "@/server/admin/platform-usage";
import { updatePricePlanFee, ZUpdatePricePlanFeeInput } from "@/server/admin/update-price-plan-fee";
import { findPlatformAudit, ZFindPlatformAuditInput } from "@/server/admin/platform-audit";
import { adjustTenantCredit, reinstateTenant, suspendTenant, ZAdjustCreditInput, ZReinstateTenantInput, ZSuspendTenantInput } from "@/server/admin/tenant-access";
import { ZFlagOverrideInput, ZUpsertFlagInput } from "@/server/flags/flags.schemas";
import { findFeatureFlags, setFeatureFlagOverride, upsertFeatureFlag } from "@/server/flags/feature-flags";
import { findPricePlans, updateTenantLimits } from "@/server/admin/update-tenant-limits";
import { findStaff, setStaffRole, ZSetStaffRoleInput } from "@/server/admin/staff-roles";
import { startImpersonation } from "@/server/impersonation/start-impersonation";
import { ZStartImpersonationInput } from "@/server/impersonation/impersonation.schemas";
import { setImpersonationCookie } from "@/trpc/impersonation-cookie";
import { createTRPCRouter, staffProcedure } from "@/trpc/init";
import { adminBroadcastsRouter } from "@/trpc/routers/admin-broadcasts";
import { staffActor } from "@/trpc/staff-actor";

const support = staffProcedure("SUPPORT");
const operator = staffProcedure("OPERATOR");
const owner = staffProcedure("OWNER");

export const adminRouter = createTRPCRouter({
  /** The caller's staff role (the console shows only what it allows). */
  me: support.query(({ ctx }) => ({ staffRole: ctx.staffRole })),
  staff: support.query(() => findStaff()),
  health: support.query(() => getPlatformHealth()),
  healthHistory: support.input(ZHealthHistoryInput).query(({ input }) => findHealthHistory(input)),
  recentFailures: support.query(() => findRecentFailures()),
  usage: support.input(ZPlatformUsageInput).query(({ input }) => getPlatformUsage(input)),
  setStaffRole: owner.input(ZSetStaffRoleInput).mutation(({ ctx, input }) => setStaffRole(staffActor(ctx), input)),
  tenants: support.input(ZFindTenantsInput.optional()).query(({ input }) => findTenants(input)),
  /** The Cmd/Ctrl-K box: tenants, users, numbers, calls and more, ranked. */
  search: support.input(ZGlobalSearchInput).query(({ input }) => globalSearch(input)),
  tenant: support.input(ZTenantIdInput).query(({ input }) => getTenantDetail(input.tenantId)),
  createTenant: operator.input(ZCreateTenantInput).mutation(({ ctx, input }) => createTenant({ ...staffActor(ctx), userId: ctx.user.id }, input)),
  deleteTenant: owner.input(ZDeleteTenantInput).mutation(({ ctx, input }) => scheduleTenantDeletion(staffActor(ctx), input)),
  cancelTenantDeletion: owner.input(ZTenantIdInput).mutation(({ ctx, input }) => cancelTenantDeletion(staffActor(ctx), input)),
  pricePlans: support.query(() => findPricePlans()),
  updateLimits: operator.input(ZUpdateTenantLimitsInput).mutation(({ ctx, input }) => updateTenantLimits(staffActor(ctx), input)),
  setPlanMonthlyFee: owner.input(ZUpdatePricePlanFeeInput).mutation(({ ctx, input }) => updatePricePlanFee(staffActor(ctx), input)),
  suspendTenant: operator.input(ZSuspendTenantInput).mutation(({ ctx, input }) => suspendTenant(staffActor(ctx), input)),
  reinstateTenant: operator.input(ZReinstateTenantInput).mutation(({ ctx, input }) => reinstateTenant(staffActor(ctx), input)),
  adjustCredit: operator.input(ZAdjustCreditInput).mutation(({ ctx, input }) => adjustTenantCredit(staffActor(ctx), input)),
  audit: support.input(ZFindPlatformAuditInput).query(({ input }) => findPlatformAudit(input)),
  flags: support.query(() => findFeatureFlags()),
  upsertFlag: owner.input(ZUpsertFlagInput).mutation(({ ctx, input }) => upsertFeatureFlag(staffActor(ctx), input)),
  setFlagOverride: owner.input(ZFlagOverrideInput).mutation(({ ctx, input }) => setFeatureFlagOverride(staffActor(ctx), input)),
  /** Enters the tenant as the chosen user (read-only, time-boxed): the browser gets the impersonation cookie. */
  startImpersonation: support.input(ZStartImpersonationInput).mutation(async ({ ctx, input }) => {
    const started = await startImpersonation({ ...staffActor(ctx), userId: ctx.user.id }, input);
    setImpersonationCookie(ctx, started.token, started.expiresAt);
    return { sessionId: started.sessionId, expiresAt: started.expiresAt };
  }),
  assignNumber: operator
    .input(z.object({ tenantId: z.string().min(1).max(64), phoneNumber: z.string().max(32), friendlyName: z.string().max(64).optional() }))
    .mutation(({ ctx, input }) => assignPhoneNumber(staffActor(ctx), input satisfies TAssignPhoneNumberInput)),
  broadcasts: adminBroadcastsRouter,
});
