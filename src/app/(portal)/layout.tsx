// The tenant portal: every page below needs a signed-in member of an active workspace.
import { BookOpenIcon, BuildingIcon, HashIcon, HomeIcon, KeyRoundIcon, PhoneCallIcon, PhoneIcon, ScrollTextIcon, UsersIcon, WebhookIcon } from "lucide-react";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AccountProblem } from "@/components/portal/account-problem";
import { TenantSwitcher } from "@/components/portal/tenant-switcher";
import { UserMenu } from "@/components/portal/user-menu";
import { VerifyEmailBanner } from "@/components/portal/verify-email-banner";
import { AppShell } from "@/components/shared/app-shell";
import { Brand } from "@/components/shared/brand";
import { SimulatedTelephonyBadge, SimulatedTelephonyStrip } from "@/components/shared/simulated-telephony-badge";
import { env } from "@/env";
import { getCurrentMember, getCurrentUser } from "@/app/_lib/current-member";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  if (!(await getCurrentUser())) redirect("/sign-in");
  const context = await getCurrentMember();

  if (!context) {
    return <AccountProblem title="Account not found" description="This account no longer exists. Sign out, then sign in with another one." />;
  }
  if (!context.current) {
    if (context.user.isPlatformStaff) redirect("/admin");
    const suspended = context.tenants.length > 0;
    return (
      <AccountProblem
        title={suspended ? "Workspace suspended" : "No workspace yet"}
        description={
          suspended
            ? "Every workspace you belong to is suspended. Contact support to restore access."
            : "You are not a member of any workspace. Ask a teammate to invite you, or sign up to create your own."
        }
      />
    );
  }

  const nav = [
    { href: "/", label: "Dashboard", icon: <HomeIcon /> },
    { href: "/calls", label: "Calls", icon: <PhoneCallIcon /> },
    { href: "/numbers", label: "Numbers", icon: <HashIcon /> },
    { href: "/settings/api-keys", label: "API keys", icon: <KeyRoundIcon /> },
    { href: "/settings/webhooks", label: "Webhooks", icon: <WebhookIcon /> },
    { href: "/settings/team", label: "Team", icon: <UsersIcon /> },
    { href: "/sip-users", label: "SIP users", icon: <PhoneIcon /> },
    { href: "/settings/audit", label: "Audit log", icon: <ScrollTextIcon /> },
    { href: "/settings/general", label: "Settings", icon: <BuildingIcon /> },
    { href: "/developers/api", label: "API reference", icon: <BookOpenIcon /> },
  ];

  return (
    <AppShell
      brand={<Brand />}
      nav={nav}
      banner={
        <>
          {env.TELEPHONY_SIMULATED === "1" && <SimulatedTelephonyStrip />}
          {!context.user.emailVerified && <VerifyEmailBanner email={context.user.email} />}
        </>
      }
      userMenu={
        <>
          {env.TELEPHONY_SIMULATED === "1" && <SimulatedTelephonyBadge />}
          <TenantSwitcher tenants={context.tenants} currentId={context.current.tenantId} />
          <UserMenu name={context.user.name} email={context.user.email} isPlatformStaff={context.user.isPlatformStaff} />
        </>
      }
    >
      {children}
    </AppShell>
  );
}
