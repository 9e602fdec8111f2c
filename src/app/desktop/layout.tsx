// The agent desktop: any member of an active workspace, whatever their role.
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { DesktopShell } from "@/components/desktop/desktop-shell";
import { AccountProblem } from "@/components/portal/account-problem";
import { NotificationBell } from "@/components/shared/notifications/notification-bell";
import { UserMenu } from "@/components/portal/user-menu";
import { ServiceUnavailable } from "@/components/shared/service-unavailable";
import { SimulatedTelephonyBadge } from "@/components/shared/simulated-telephony-badge";
import { env } from "@/env";
import { getCurrentMember, getCurrentUser } from "@/app/_lib/current-member";
import { OUTAGE, readOrOutage } from "@/app/_lib/database-outage";
import { ImpersonationNotice } from "@/app/_lib/impersonation-notice";

export default async function DesktopLayout({ children }: { children: ReactNode }) {
  const user = await readOrOutage(getCurrentUser);
  if (user === OUTAGE) return <ServiceUnavailable />;
  if (!user) redirect("/sign-in?callbackUrl=/desktop");
  const context = await readOrOutage(getCurrentMember);
  if (context === OUTAGE) return <ServiceUnavailable />;
  if (!context?.current) {
    return <AccountProblem title="No workspace to work in" description="The agent desktop needs a membership in an active workspace. Ask an admin to invite you." />;
  }
  return (
    <DesktopShell
      tenantName={context.current.name}
      banner={<ImpersonationNotice user={user} />}
      userMenu={
        <>
          {env.TELEPHONY_SIMULATED === "1" && <SimulatedTelephonyBadge />}
          <NotificationBell inboxHref="/desktop" />
          <UserMenu name={context.user.name} email={context.user.email} isPlatformStaff={context.user.isPlatformStaff} showDesktopLink={false} />
        </>
      }
    >
      {children}
    </DesktopShell>
  );
}
