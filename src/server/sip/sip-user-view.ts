// What callers see of a SIP user: never the password's ciphertext. Shared by every SIP user use-case so the
// tRPC answers have one shape.
import type { SipUser } from "@/generated/prisma/client";
import { env } from "@/env";
import type { RoleRule } from "@/server/tenancy";

/** Phone credentials let whoever holds them place calls on the tenant's bill: owners and admins only. */
export const SIP_USER_ROLE: RoleRule = { minRole: "ADMIN" };

export interface SipUserView {
  id: string;
  userId: string | null;
  domain: string;
  username: string;
  /** `username@domain`, what a softphone is configured with. */
  sipUri: string;
  displayName: string;
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export function toSipUserView(row: SipUser): SipUserView {
  return {
    id: row.id,
    userId: row.userId,
    domain: row.domain,
    username: row.username,
    sipUri: `${row.username}@${row.domain}`,
    displayName: row.displayName,
    enabled: row.enabled,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** A tenant's SIP domain: "<tenant slug>.<SIP_DOMAIN>", lower-case (SIP hosts compare case-insensitively). */
export function sipDomainFor(tenantSlug: string, sipDomain: string = env.SIP_DOMAIN): string {
  return `${tenantSlug}.${sipDomain}`.toLowerCase();
}
