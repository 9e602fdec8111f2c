// What callers see of an endpoint: never the secret's ciphertext. Shared by every endpoint use-case so the
// tRPC and REST responses have one shape.
import type { WebhookEndpoint } from "@/generated/prisma/client";
import type { RoleRule } from "@/server/tenancy";

/** Managing webhooks, like API keys, is for admins and developers. */
export const WEBHOOK_ROLE: RoleRule = { minRole: "ADMIN", alsoAllow: ["DEVELOPER"] };

export interface WebhookEndpointView {
  id: string;
  url: string;
  description: string;
  eventTypes: string[];
  status: "ENABLED" | "DISABLED";
  disabledReason: string | null;
  disabledAt: Date | null;
  failingSince: Date | null;
  consecutiveFailures: number;
  createdAt: Date;
  updatedAt: Date;
}

export function toWebhookEndpointView(row: WebhookEndpoint): WebhookEndpointView {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: row.eventTypes,
    status: row.status,
    disabledReason: row.disabledReason,
    disabledAt: row.disabledAt,
    failingSince: row.failingSince,
    consecutiveFailures: row.consecutiveFailures,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
