// A portal page's first line: null when the member's role may use the page, else what to render instead.
import type { ReactNode } from "react";
import { NotForRole } from "@/components/portal/not-for-role";
import { homeFor, mayOpenPortalPage } from "@/server/tenant/portal-pages";
import { getCurrentMember } from "@/app/_lib/current-member";

export async function notForRole(href: string): Promise<ReactNode | null> {
  const role = (await getCurrentMember())?.current?.role;
  // No workspace: the portal layout shows why, before any page.
  if (!role || mayOpenPortalPage(role, href)) return null;
  return <NotForRole role={role} home={homeFor(role)} />;
}
