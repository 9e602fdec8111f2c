import type { Metadata } from "next";
import { OnboardingChecklist } from "@/components/portal/onboarding-checklist";
import { StatCards } from "@/components/portal/stat-cards";
import { PageHeader } from "@/components/ui/page-header";
import { redirect } from "next/navigation";
import { homeFor } from "@/server/tenant/portal-pages";
import { getCurrentMember, getCurrentUser } from "@/app/_lib/current-member";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  // Agents work at the desktop: the portal's home is theirs only through its Calls page.
  const role = (await getCurrentMember())?.current?.role;
  if (role && homeFor(role) === "/desktop") redirect("/desktop");
  const user = await getCurrentUser();
  const firstName = user?.name.split(/\s+/)[0];
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={firstName ? `Welcome, ${firstName}` : "Welcome"} description="Your workspace at a glance." className="pb-0" />
      <StatCards />
      <OnboardingChecklist />
    </div>
  );
}
