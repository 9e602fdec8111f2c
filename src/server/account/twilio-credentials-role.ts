import type { RoleRule } from "@/server/tenancy";

/** Who may see the Twilio-compatible credentials: the people who also manage API keys and webhooks. */
export const TWILIO_CREDENTIALS_ROLE: RoleRule = { minRole: "ADMIN", alsoAllow: ["DEVELOPER"] };

/** Rotating breaks every integration using the old token at once: owners and admins only. */
export const ROTATE_AUTH_TOKEN_ROLE: RoleRule = { minRole: "ADMIN" };
