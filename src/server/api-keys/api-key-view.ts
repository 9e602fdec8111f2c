import type { ApiKey } from "@/generated/prisma/client";
import type { RoleRule } from "@/server/tenancy";

/** Managing API keys is for admins and developers (API-key callers act as DEVELOPER, limited by scopes). */
export const API_KEY_ROLE: RoleRule = { minRole: "ADMIN", alsoAllow: ["DEVELOPER"] };

/** An API key as shown to its tenant: everything but the secret hash. */
export interface ApiKeyView {
  id: string;
  name: string;
  scopes: string[];
  secretLast4: string;
  createdById: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export const API_KEY_VIEW_SELECT = {
  id: true,
  name: true,
  scopes: true,
  secretLast4: true,
  createdById: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const satisfies Partial<Record<keyof ApiKey, true>>;
