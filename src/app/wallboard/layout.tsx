// The wallboard: a full-screen page for a TV, without the portal's shell; supervisors and above of an active workspace.
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AccountProblem } from "@/components/portal/account-problem";
import { ServiceUnavailable } from "@/components/shared/service-unavailable";
import { getCurrentMember, getCurrentUser } from "@/app/_lib/current-member";
import { OUTAGE, readOrOutage } from "@/app/_lib/database-outage";

export default async function WallboardLayout({ children }: { children: ReactNode }) {
  const user = await readOrOutage(getCurrentUser);
  if (user === OUTAGE) return <ServiceUnavailable />;
  if (!user) redirect("/sign-in?callbackUrl=/wallboard");
  const context = await readOrOutage(getCurrentMember);
  if (context === OUTAGE) return <ServiceUnavailable />;
  if (!context?.current) return <AccountProblem title="No workspace" description="The wallboard needs a membership in an active workspace." />;
  return children;
}
