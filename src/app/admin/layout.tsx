// Platform administration: staff only. A tenant user gets a 403 page, never the admin shell.
import { ActivityIcon, BuildingIcon, ChartColumnIcon, FlagIcon, MailIcon, ScrollTextIcon, ShieldCheckIcon, UsersIcon } from "lucide-react";
import Link from "next/link";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { Forbidden } from "@/components/admin/forbidden";
import { GlobalSearch } from "@/components/admin/global-search/global-search";
import { StaffSecondFactorRequired } from "@/components/admin/staff-second-factor-required";
import { UserMenu } from "@/components/portal/user-menu";
import { AppShell } from "@/components/shared/app-shell";
import { Brand } from "@/components/shared/brand";
import { ServiceUnavailable } from "@/components/shared/service-unavailable";
import { SimulatedTelephonyBadge, SimulatedTelephonyStrip } from "@/components/shared/simulated-telephony-badge";
import { env } from "@/env";
import { getSessionUser } from "@/server/auth/session";
import { staffRoleOf } from "@/server/admin/staff-roles";
import { OUTAGE, readOrOutage } from "@/app/_lib/database-outage";
import { ImpersonationNotice } from "@/app/_lib/impersonation-notice";

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await readOrOutage(getSessionUser);
  if (user === OUTAGE) return <ServiceUnavailable />;
  if (!user) redirect("/sign-in?callbackUrl=/admin");
  // Impersonating: the console waits until the staff member ends it (the banner's button), so nothing done in
  // /admin is mistaken for the impersonated user's doing.
  if (user.impersonation) {
    return (
      <div className="flex min-h-dvh flex-col">
        <ImpersonationNotice user={user} />
        <div className="flex flex-1 flex-col items-center justify-center gap-3 p-6 text-center">
          <h1 className="text-xl font-semibold">You are impersonating {user.name}</h1>
          <p className="max-w-md text-sm text-muted-foreground">End the impersonation with the button above to return to the admin console, or go back to the tenant&apos;s portal.</p>
          <Link className="text-sm font-medium underline underline-offset-4" href="/">
            Back to {user.impersonation.tenantName}
          </Link>
        </div>
      </div>
    );
  }
  // The role as it is now: a staff member removed since signing in is turned away at once.
  const staffRole = user.isPlatformStaff && !user.impersonatorId ? await staffRoleOf(user.id) : null;
  if (!staffRole) return <Forbidden email={user.email} />;
  // Staff reach the console only in a session signed in with their second factor; until then, only its set-up.
  const content = user.mfa ? children : <StaffSecondFactorRequired />;
  return (
    <AppShell
      brand={<Brand href="/admin" suffix="Admin" />}
      nav={user.mfa ? [{ href: "/admin", label: "Tenants", icon: <BuildingIcon /> }, { href: "/admin/revenue", label: "Usage and revenue", icon: <ChartColumnIcon /> }, { href: "/admin/health", label: "System health", icon: <ActivityIcon /> }, { href: "/admin/flags", label: "Feature flags", icon: <FlagIcon /> }, { href: "/admin/broadcasts", label: "Broadcasts", icon: <MailIcon /> }, { href: "/admin/audit", label: "Audit log", icon: <ScrollTextIcon /> }, { href: "/admin/staff", label: "Staff", icon: <UsersIcon /> }, { href: "/admin/security", label: "Security", icon: <ShieldCheckIcon /> }] : []}
      banner={env.TELEPHONY_SIMULATED === "1" ? <SimulatedTelephonyStrip /> : undefined}
      userMenu={
        <>
          {user.mfa && <GlobalSearch />}
          {env.TELEPHONY_SIMULATED === "1" && <SimulatedTelephonyBadge />}
          <UserMenu name={user.name} email={user.email} isPlatformStaff={false} showDesktopLink={false} />
        </>
      }
    >
      {content}
    </AppShell>
  );
}
