// Which portal pages each role may open: the same rules the pages' procedures enforce, so the navigation shows a
// role only what it can use, and a page opened by address says plainly that it is not for this role instead of
// rendering controls that can only fail. Agents work at /desktop; everyone else lands on the dashboard.
import type { MemberRole } from "@/generated/prisma/enums";
import { SUPERVISOR_ROLE } from "@/server/agents/agent-view";
import { API_KEY_ROLE } from "@/server/api-keys/api-key-view";
import { CALL_READ_ROLE } from "@/server/calls/call-view";
import { CONTACT_ADMIN_ROLE } from "@/server/contacts/contact-view";
import { DEBUGGER_READ_ROLE } from "@/server/debugger/debugger-error-view";
import { FLOW_READ_ROLE } from "@/server/ivr-flows/flow-view";
import { INBOX_ADMIN_ROLE } from "@/server/inbox/conversation-view";
import { CONFERENCE_READ_ROLE } from "@/server/conferences/conference-view";
import { PHONE_NUMBER_READ_ROLE } from "@/server/numbers/phone-number-view";
import { SIP_USER_ROLE } from "@/server/sip/sip-user-view";
import { SPEECH_READ_ROLE } from "@/server/speech/speech-settings-view";
import { SENDING_DOMAIN_ROLE } from "@/server/sending-domains/sending-domain-view";
import { AUTOMATION_READ_ROLE } from "@/server/automation/automation-rule-view";
import { TEMPLATE_WRITE_ROLE } from "@/server/templates/template-view";
import { VOICEMAIL_READ_ROLE } from "@/server/voicemail/voicemail-view";
import { WHATSAPP_ADMIN_ROLE } from "@/server/messages/whatsapp/whatsapp.schemas";
import { roleSatisfies, type RoleRule } from "@/server/tenancy";
import { WEBHOOK_ROLE } from "@/server/webhooks/webhook-endpoint-view";

export interface PortalPage {
  href: string;
  label: string;
  rule: RoleRule;
}

/** Everyone who works in the portal rather than at the desktop. */
const PORTAL_USERS: RoleRule = { minRole: "SUPERVISOR", alsoAllow: ["DEVELOPER"] };

export const PORTAL_PAGES: readonly PortalPage[] = [
  { href: "/", label: "Dashboard", rule: PORTAL_USERS },
  // Agents work the inbox at /desktop; the portal's view (all conversations, filters, bulk, settings) is for supervisors up.
  { href: "/inbox", label: "Inbox", rule: INBOX_ADMIN_ROLE },
  { href: "/calls", label: "Calls", rule: CALL_READ_ROLE },
  { href: "/voicemail", label: "Voicemail", rule: VOICEMAIL_READ_ROLE },
  // Agents will read messages in the desktop's inbox; the portal's log is for supervisors, admins and developers.
  { href: "/messages", label: "Messages", rule: PORTAL_USERS },
  // Agents read and annotate contacts from the desktop; the portal's list, import and fields are for supervisors up.
  { href: "/contacts", label: "Contacts", rule: CONTACT_ADMIN_ROLE },
  // The contact centre's floor: queues and their numbers, the agent grid, and the TV wallboard (a full-screen page
  // outside the portal's shell, src/app/wallboard).
  { href: "/queues", label: "Queues", rule: SUPERVISOR_ROLE },
  { href: "/agents", label: "Agents", rule: SUPERVISOR_ROLE },
  { href: "/wallboard", label: "Wallboard", rule: SUPERVISOR_ROLE },
  { href: "/debugger", label: "Debugger", rule: DEBUGGER_READ_ROLE },
  { href: "/conferences", label: "Conferences", rule: CONFERENCE_READ_ROLE },
  { href: "/numbers", label: "Numbers", rule: PHONE_NUMBER_READ_ROLE },
  { href: "/flows", label: "IVR flows", rule: FLOW_READ_ROLE },
  { href: "/templates", label: "Templates", rule: TEMPLATE_WRITE_ROLE },
  { href: "/settings/api-keys", label: "API keys", rule: API_KEY_ROLE },
  { href: "/settings/webhooks", label: "Webhooks", rule: WEBHOOK_ROLE },
  { href: "/settings/sending-domains", label: "Sending domains", rule: SENDING_DOMAIN_ROLE },
  { href: "/settings/channels", label: "Channels", rule: WHATSAPP_ADMIN_ROLE },
  { href: "/settings/automation", label: "Automation", rule: AUTOMATION_READ_ROLE },
  { href: "/settings/team", label: "Team", rule: { minRole: "SUPERVISOR" } },
  { href: "/settings/contact-centre", label: "Contact centre", rule: SUPERVISOR_ROLE },
  { href: "/sip-users", label: "SIP users", rule: SIP_USER_ROLE },
  { href: "/settings/audit", label: "Audit log", rule: { minRole: "ADMIN" } },
  { href: "/settings/general", label: "Settings", rule: PORTAL_USERS },
  { href: "/settings/speech", label: "Speech", rule: SPEECH_READ_ROLE },
  { href: "/developers/api", label: "API reference", rule: API_KEY_ROLE },
];

export function portalPagesFor(role: MemberRole): PortalPage[] {
  return PORTAL_PAGES.filter((p) => roleSatisfies(role, p.rule));
}

/** The page an address belongs to: the longest href it starts with (`/calls/CA…` is `/calls`). */
export function portalPageOf(pathname: string): PortalPage | undefined {
  let best: PortalPage | undefined;
  for (const page of PORTAL_PAGES) {
    const matches = page.href === "/" ? pathname === "/" : pathname === page.href || pathname.startsWith(`${page.href}/`);
    if (matches && (!best || page.href.length > best.href.length)) best = page;
  }
  return best;
}

export function mayOpenPortalPage(role: MemberRole, href: string): boolean {
  const page = portalPageOf(href);
  return page !== undefined && roleSatisfies(role, page.rule);
}

/** Where a role starts: agents at the desktop, the rest on the dashboard. */
export function homeFor(role: MemberRole): "/" | "/desktop" {
  return roleSatisfies(role, PORTAL_USERS) ? "/" : "/desktop";
}
