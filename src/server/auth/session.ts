// Contract used by src/trpc and route layouts. Implementation owned by the identity work (auth-options.ts).
// A staff member holding a live impersonation cookie is, for every page and procedure, the user they impersonate
// (with impersonatorId and the session's details set); the staff identity itself is not admitted to /admin meanwhile.
import { getServerSession } from "next-auth";
import { cookies } from "next/headers";
import { authOptions } from "@/server/auth/auth-options";
import { findActiveImpersonation, type ActiveImpersonation } from "@/server/impersonation/active-impersonation";

export const IMPERSONATION_COOKIE = "irisx_impersonation";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  isPlatformStaff: boolean;
  /** Set while a staff member impersonates this user. */
  impersonatorId?: string | null;
  /** The impersonation this request runs in (tenant, reason, expiry, read-only or acting). */
  impersonation?: ActiveImpersonation | null;
  /** This session was signed in with the second factor (staff need it for /admin). */
  mfa?: boolean;
}

async function impersonationCookie(): Promise<string | null> {
  try {
    return (await cookies()).get(IMPERSONATION_COOKIE)?.value ?? null;
  } catch {
    // Outside a request (scripts, tests): no cookies, no impersonation.
    return null;
  }
}

export async function getSessionUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions);
  const user = session?.user as Partial<SessionUser> | undefined;
  if (!user?.id || !user.email) return null;
  const self: SessionUser = { id: user.id, email: user.email, name: user.name ?? user.email, isPlatformStaff: Boolean(user.isPlatformStaff), impersonatorId: null, impersonation: null, mfa: Boolean(user.mfa) };
  if (!self.isPlatformStaff || !self.mfa) return self;
  const token = await impersonationCookie();
  const impersonation = token ? await findActiveImpersonation(self.id, token) : null;
  if (!impersonation) return self;
  return { ...impersonation.target, isPlatformStaff: false, impersonatorId: self.id, impersonation, mfa: false };
}
