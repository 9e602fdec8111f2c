/** Platform staff acting (the admin console's procedures): who, for the audit log. */
export interface StaffActor {
  userId: string | null;
  requestId: string;
  ip?: string | null;
}

/** Staff as the audit log names them: acting on a tenant (its trail) or on the platform (tenantId null). */
export function staffAuditActor(staff: StaffActor, tenantId: string | null) {
  return { tenantId, userId: staff.userId, apiKeyId: null, impersonatorId: null, requestId: staff.requestId, ip: staff.ip ?? null };
}
