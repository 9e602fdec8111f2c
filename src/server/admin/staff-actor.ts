/** Platform staff acting (the admin console's procedures): who, for the audit log. */
export interface StaffActor {
  userId: string | null;
  requestId: string;
  ip?: string | null;
}
