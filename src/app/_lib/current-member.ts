// Who is asking, read once per request: a layout and the page under it both need the session and the
// membership, and React's cache() lets them share one read instead of each decoding the session and
// querying the memberships again.
import { cookies } from "next/headers";
import { cache } from "react";
import { getSessionUser } from "@/server/auth/session";
import { getMemberContext } from "@/server/tenant/get-member-context";
import { TENANT_COOKIE } from "@/trpc/init";

export const getCurrentUser = cache(getSessionUser);

/** The signed-in user's member context (null when signed out or the account is gone), in the workspace their cookie remembers. */
export const getCurrentMember = cache(async () => {
  const user = await getCurrentUser();
  if (!user) return null;
  const only = user.impersonation?.tenantId ?? null;
  return getMemberContext(user.id, only ?? (await cookies()).get(TENANT_COOKIE)?.value ?? null, { onlyTenantId: only });
});
