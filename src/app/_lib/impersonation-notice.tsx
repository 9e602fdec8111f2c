import { ImpersonationBanner } from "@/components/shared/impersonation-banner";
import type { SessionUser } from "@/server/auth/session";

/** The impersonation banner for a page's shell, when the session is an impersonation. */
export function ImpersonationNotice({ user }: { user: SessionUser }) {
  const i = user.impersonation;
  if (!i) return null;
  return (
    <ImpersonationBanner
      tenantId={i.tenantId}
      tenantName={i.tenantName}
      staffName={i.staff.name}
      targetName={i.target.name}
      targetEmail={i.target.email}
      expiresAt={i.expiresAt.toISOString()}
      acting={i.actingSince !== null}
    />
  );
}
