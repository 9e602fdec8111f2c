// Contract used by src/trpc and route layouts. Implementation owned by the identity work (auth-options.ts).
import { getServerSession } from "next-auth";
import { authOptions } from "@/server/auth/auth-options";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  isPlatformStaff: boolean;
  /** Set while a staff member impersonates this user (admin issue). */
  impersonatorId?: string | null;
  /** This session was signed in with the second factor (staff need it for /admin). */
  mfa?: boolean;
}

export async function getSessionUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions);
  const user = session?.user as Partial<SessionUser> | undefined;
  if (!user?.id || !user.email) return null;
  return { id: user.id, email: user.email, name: user.name ?? user.email, isPlatformStaff: Boolean(user.isPlatformStaff), impersonatorId: user.impersonatorId ?? null, mfa: Boolean(user.mfa) };
}
