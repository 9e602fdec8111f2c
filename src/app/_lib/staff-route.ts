// Route handlers under /admin (CSV exports) admit whom the admin procedures admit: platform staff with a current
// staff role, signed in with their second factor, not impersonating anyone. Anyone else gets a 403 JSON body.
import type { StaffRole } from "@/generated/prisma/enums";
import { getSessionUser, type SessionUser } from "@/server/auth/session";
import { staffRoleAllows, staffRoleOf } from "@/server/admin/staff-roles";

export async function staffForRoute(min: StaffRole = "SUPPORT"): Promise<{ user: SessionUser; staffRole: StaffRole } | Response> {
  const user = await getSessionUser();
  const staffRole = user?.isPlatformStaff && user.mfa && !user.impersonatorId ? await staffRoleOf(user.id) : null;
  if (!user || !staffRole || !staffRoleAllows(staffRole, min)) {
    return Response.json({ error: { code: "FORBIDDEN", message: "platform staff signed in with a second factor only" } }, { status: 403 });
  }
  return { user, staffRole };
}
