import type { StaffActor } from "@/server/admin/staff-actor";

/** Who acts, for the audit log: the staff member, this request, its client address. */
export const staffActor = (ctx: { user: { id: string }; requestId: string; ip: string | null }): StaffActor => ({ userId: ctx.user.id, requestId: ctx.requestId, ip: ctx.ip });
