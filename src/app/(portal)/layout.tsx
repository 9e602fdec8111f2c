// The tenant portal: every page below needs a signed-in member of an active workspace.
import { BookOpenIcon, BuildingIcon, HashIcon, HeadsetIcon, HomeIcon, KeyRoundIcon, PhoneCallIcon, PhoneIcon, ScrollTextIcon, UsersIcon, WebhookIcon, WorkflowIcon } from "lucide-react";
import { redirect } from "next/navigation";
import type { ReactElement, ReactNode } from "react";
import { AccountProblem } from "@/components/portal/account-problem";
import { AgentsNavIcon, AutomationNavIcon, ChannelsNavIcon, ContactCentreNavIcon, QueuesNavIcon, WallboardNavIcon, ConferencesNavIcon, ContactsNavIcon, DebuggerNavIcon, InboxNavIcon, MessagesNavIcon, SendingDomainsNavIcon, SpeechNavIcon, TemplatesNavIcon, VoicemailNavIcon } from "@/components/portal/nav-icons";
import { TenantSwitcher } from "@/components/portal/tenant-switcher";
import { UserMenu } from "@/components/portal/user-menu";
import { VerifyEmailBanner } from "@/components/portal/verify-email-banner";
import { AppShell } from "@/components/shared/app-shell";
import { Brand } from "@/components/shared/brand";
import { NotificationBell } from "@/components/shared/notifications/notification-bell";
import { ServiceUnavailable } from "@/components/shared/service-unavailable";
import { SimulatedTelephonyBadge, SimulatedTelephonyStrip } from "@/components/shared/simulated-telephony-badge";
import { env } from "@/env";
import { isDevMailboxEnabled } from "@/server/email/is-dev-mailbox-enabled";
import { homeFor, portalPagesFor } from "@/server/tenant/portal-pages";
import { getCurrentMember, getCurrentUser } from "@/app/_lib/current-member";
import { OUTAGE, readOrOutage } from "@/app/_lib/database-outage";
import { ImpersonationNotice } from "@/app/_lib/impersonation-notice";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const user = await readOrOutage(getCurrentUser);
  if (user === OUTAGE) return <ServiceUnavailable />;
  if (!user) redirect("/sign-in");
  const context = await readOrOutage(getCurrentMember);
  if (context === OUTAGE) return <ServiceUnavailable />;

  if (!context) {
    return <AccountProblem title="Account not found" description="This account no longer exists. Sign out, then sign in with another one." />;
  }
  if (!context.current) {
    if (context.user.isPlatformStaff) redirect("/admin");
    const suspended = context.tenants.length > 0;
    // One workspace: its reason, as staff gave it. Several: none applies to all.
    const reason = context.tenants.length === 1 ? context.tenants[0]!.suspendedReason : null;
    return (
      <AccountProblem
        title={suspended ? "Workspace suspended" : "No workspace yet"}
        description={
          suspended
            ? `${context.tenants.length === 1 ? "This workspace is" : "Every workspace you belong to is"} suspended${reason ? `: ${reason}` : ""}. Contact support to restore access.`
            : "You are not a member of any workspace. Ask a teammate to invite you, or sign up to create your own."
        }
      />
    );
  }

  const mailbox = isDevMailboxEnabled();
  const icons: Record<string, ReactElement> = {
    "/": <HomeIcon />,
    "/inbox": <InboxNavIcon />,
    "/calls": <PhoneCallIcon />,
    "/voicemail": <VoicemailNavIcon />,
    "/messages": <MessagesNavIcon />,
    "/contacts": <ContactsNavIcon />,
    "/queues": <QueuesNavIcon />,
    "/agents": <AgentsNavIcon />,
    "/wallboard": <WallboardNavIcon />,
    "/settings/contact-centre": <ContactCentreNavIcon />,
    "/debugger": <DebuggerNavIcon />,
    "/conferences": <ConferencesNavIcon />,
    "/numbers": <HashIcon />,
    "/flows": <WorkflowIcon />,
    "/settings/api-keys": <KeyRoundIcon />,
    "/settings/webhooks": <WebhookIcon />,
    "/settings/team": <UsersIcon />,
    "/sip-users": <PhoneIcon />,
    "/settings/audit": <ScrollTextIcon />,
    "/settings/general": <BuildingIcon />,
    "/settings/speech": <SpeechNavIcon />,
    "/templates": <TemplatesNavIcon />,
    "/settings/sending-domains": <SendingDomainsNavIcon />,
    "/settings/channels": <ChannelsNavIcon />,
    "/settings/automation": <AutomationNavIcon />,
    "/developers/api": <BookOpenIcon />,
  };
  // Only the pages this member's role can use (src/server/tenant/portal-pages.ts); agents also get their desktop.
  const nav = [
    ...portalPagesFor(context.current.role).map((p) => ({ href: p.href, label: p.label, icon: icons[p.href] })),
    ...(homeFor(context.current.role) === "/desktop" ? [{ href: "/desktop", label: "Agent desktop", icon: <HeadsetIcon /> }] : []),
  ];

  return (
    <AppShell
      brand={<Brand />}
      nav={nav}
      banner={
        <>
          <ImpersonationNotice user={user} />
          {env.TELEPHONY_SIMULATED === "1" && <SimulatedTelephonyStrip />}
          {!context.user.emailVerified && <VerifyEmailBanner email={context.user.email} devMailbox={mailbox.enabled && !mailbox.staffOnly} />}
        </>
      }
      userMenu={
        <>
          {env.TELEPHONY_SIMULATED === "1" && <SimulatedTelephonyBadge />}
          <NotificationBell inboxHref={homeFor(context.current.role) === "/desktop" ? "/desktop" : "/inbox"} />
          <TenantSwitcher tenants={context.tenants} currentId={context.current.tenantId} />
          <UserMenu name={context.user.name} email={context.user.email} isPlatformStaff={context.user.isPlatformStaff} />
        </>
      }
    >
      {children}
    </AppShell>
  );
}
