// Who may change the contact centre's settings, how its lists read, and the 409 for a taken name.
import { AppError } from "@/server/errors";

import type { RoleRule } from "@/server/tenancy";

export { SUPERVISOR_ROLE as CONTACT_CENTRE_ADMIN_ROLE } from "@/server/agents/agent-view";

/** Queues themselves (list, create, rename, size, delete): supervisors, and developers through the API (Twilio's Queues). */
export const QUEUE_ROLE: RoleRule = { minRole: "SUPERVISOR", alsoAllow: ["DEVELOPER"] };

export interface ListItemView {
  id: string;
  name: string;
  /** dispositions only ("" for the others) */
  code: string;
  archived: boolean;
  /** skills: agents and queues that have it; away reasons: agents away for it now; dispositions: wrap-ups with it */
  usedBy: number;
}

/** A 409 naming the field whose value the tenant already has. */
export function duplicateError(field: string, value: string): AppError {
  return new AppError("CONFLICT", `${field}: "${value}" already exists`, { details: { fieldErrors: { [field]: [`"${value}" already exists`] } } });
}
