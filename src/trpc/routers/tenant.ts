import { cookies } from "next/headers";
import { z } from "zod";
import { featureFlagsFor } from "@/server/flags/feature-flags";
import { getOnboardingChecklist } from "@/server/onboarding/get-onboarding-checklist";
import { findUserTenants } from "@/server/tenant/find-user-tenants";
import { getTenantOverview } from "@/server/tenant/get-tenant-overview";
import { renameTenant } from "@/server/tenant/rename-tenant";
import { switchTenant } from "@/server/tenant/switch-tenant";
import { ZRenameTenantInput, ZSwitchTenantInput } from "@/server/tenant/tenant.schemas";
import { authedProcedure, createTRPCRouter, TENANT_COOKIE, tenantProcedure } from "@/trpc/init";

export const tenantRouter = createTRPCRouter({
  list: authedProcedure.query(({ ctx }) => findUserTenants(ctx.user.id, { onlyTenantId: ctx.user.impersonation?.tenantId })),
  current: tenantProcedure().query(({ ctx }) => getTenantOverview(ctx.actor)),
  switch: authedProcedure.input(ZSwitchTenantInput).mutation(async ({ ctx, input }) => {
    const tenant = await switchTenant(ctx.user.id, input.tenantId);
    (await cookies()).set(TENANT_COOKIE, tenant.tenantId, {
      httpOnly: true,
      sameSite: "lax",
      secure: ctx.https,
      path: "/",
      maxAge: 60 * 60 * 24 * 365,
    });
    return tenant;
  }),
  rename: tenantProcedure({ minRole: "ADMIN" }).input(ZRenameTenantInput).mutation(({ ctx, input }) => renameTenant(ctx.actor, input)),
  /** Every feature flag's answer for the current workspace (useFeatureFlag in the UI). */
  featureFlags: tenantProcedure().query(({ ctx }) => featureFlagsFor(ctx.actor.tenantId)),
  onboardingChecklist: tenantProcedure().input(z.void()).query(({ ctx }) => getOnboardingChecklist(ctx.actor.tenantId, ctx.actor.role)),
});
