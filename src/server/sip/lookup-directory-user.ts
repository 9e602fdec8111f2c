// The switch's side of SIP users: FreeSWITCH asks for user@domain (mod_xml_curl, section "directory") when a phone
// registers or calls, and digest-checks the answer's a1-hash itself. No actor: the caller is the switch, which
// /api/freeswitch/directory authenticates.
import { createHash } from "node:crypto";
import { db } from "@/server/db";
import { openSecret } from "@/server/crypto/secret-box";
import { sipDomainFor } from "@/server/sip/sip-user-view";
import { ZDirectoryLookupInput, type TDirectoryLookupInput } from "@/server/sip/sip-users.schemas";

export interface DirectoryUser {
  sipUserId: string;
  tenantId: string;
  username: string;
  domain: string;
  displayName: string;
  /** md5("user:realm:password"), the realm being the domain (the profile challenges with the From host). */
  a1Hash: string;
}

export function a1Hash(username: string, realm: string, password: string): string {
  return createHash("md5").update(`${username}:${realm}:${password}`).digest("hex");
}

/**
 * The enabled SIP user `user` of the tenant whose SIP domain is `domain`, or null (unknown user or domain, disabled
 * user, suspended tenant). The row must also belong to the tenant that owns the domain today, so a user of tenant A
 * never answers for tenant B's domain, whatever is stored in its domain column.
 */
export async function lookupDirectoryUser(input: TDirectoryLookupInput): Promise<DirectoryUser | null> {
  const parsed = ZDirectoryLookupInput.safeParse(input);
  if (!parsed.success) return null;
  const { user, domain } = parsed.data;
  const row = await db.sipUser.findUnique({
    where: { domain_username: { domain, username: user } },
    select: {
      id: true,
      tenantId: true,
      username: true,
      domain: true,
      displayName: true,
      enabled: true,
      passwordCipher: true,
      tenant: { select: { slug: true, status: true } },
    },
  });
  if (!row || !row.enabled || row.tenant.status !== "ACTIVE") return null;
  if (sipDomainFor(row.tenant.slug) !== domain) return null;
  return {
    sipUserId: row.id,
    tenantId: row.tenantId,
    username: row.username,
    domain: row.domain,
    displayName: row.displayName,
    a1Hash: a1Hash(row.username, row.domain, openSecret(row.passwordCipher)),
  };
}
