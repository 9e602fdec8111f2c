// The agent desktop: any member of an active workspace, whatever their role.
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { DesktopShell } from "@/components/desktop/desktop-shell";
import { AccountProblem } from "@/components/portal/account-problem";
import { UserMenu } from "@/components/portal/user-menu";
import { getSessionUser } from "@/server/auth/session";
import { getMemberContext } from "@/server/tenant/get-member-context";
import { TENANT_COOKIE } from "@/trpc/init";

export default async function DesktopLayout({ children }: { children: ReactNode }) {
  const session = await getSessionUser();
  if (!session) redirect("/sign-in?callbackUrl=/desktop");
  const context = await getMemberContext(session.id, (await cookies()).get(TENANT_COOKIE)?.value ?? null);
  if (!context?.current) {
    return <AccountProblem title="No workspace to work in" description="The agent desktop needs a membership in an active workspace. Ask an admin to invite you." />;
  }
  return (
    <DesktopShell
      tenantName={context.current.name}
      userMenu={<UserMenu name={context.user.name} email={context.user.email} isPlatformStaff={context.user.isPlatformStaff} showDesktopLink={false} />}
    >
      {children}
    </DesktopShell>
  );
}
