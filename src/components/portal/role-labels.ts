export const ROLES = ["OWNER", "ADMIN", "SUPERVISOR", "DEVELOPER", "AGENT"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = { OWNER: "an owner", ADMIN: "an admin", SUPERVISOR: "a supervisor", DEVELOPER: "a developer", AGENT: "an agent" };

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  OWNER: "Everything, including billing and owners",
  ADMIN: "Manage team, settings, keys and webhooks",
  SUPERVISOR: "Monitor queues and agents",
  DEVELOPER: "API keys, webhooks and logs",
  AGENT: "Handle calls and conversations",
};

const RANK: Record<Role, number> = { OWNER: 50, ADMIN: 40, SUPERVISOR: 30, DEVELOPER: 20, AGENT: 10 };

/** Mirrors the server's rule, only to hide controls a user cannot use; the server still decides. */
export function atLeast(role: string, min: Role): boolean {
  return (RANK[role as Role] ?? 0) >= RANK[min];
}
