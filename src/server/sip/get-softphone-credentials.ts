// The desktop's softphone line: the signed-in member's own SIP user, made on first ask (agent-<8 hex>, a long random
// password sealed like every SIP password), served to FreeSWITCH by the xml_curl directory and to the member's own
// browser here, never typed by anyone. Rotating the password makes the old one fail at the next registration.
import { createHash } from "node:crypto";
import { db } from "@/server/db";
import { env } from "@/env";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/audit/record-audit";
import { openSecret, sealSecret } from "@/server/crypto/secret-box";
import { generateSipPassword } from "@/server/sip/create-sip-user";
import { sipDomainFor } from "@/server/sip/sip-user-view";
import { newId } from "@/server/shared/ids";
import { assertRole, type Actor } from "@/server/tenancy";
import { AGENT_ROLE } from "@/server/agents/agent-view";

export interface SoftphoneCredentials {
  /** The switch's SIP over WebSocket (SOFTPHONE_WS_URL); null: the page's own host on the switch's default ports. */
  wsUrl: string | null;
  domain: string;
  username: string;
  password: string;
  displayName: string;
}

function lineNameFor(userId: string): string {
  return `agent-${createHash("sha256").update(userId).digest("hex").slice(0, 8)}`;
}

async function lineOf(actor: Actor) {
  assertRole(actor, AGENT_ROLE);
  if (!actor.userId) throw new AppError("FORBIDDEN", "only a signed-in member has a softphone line");
  const userId = actor.userId;
  return db.$transaction(async (tx) => {
    const existing = await tx.sipUser.findFirst({ where: { tenantId: actor.tenantId, userId, enabled: true }, orderBy: { createdAt: "asc" } });
    if (existing) return existing;
    const [tenant, user] = await Promise.all([
      tx.tenant.findUniqueOrThrow({ where: { id: actor.tenantId }, select: { slug: true } }),
      tx.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true } }),
    ]);
    const row = await tx.sipUser.create({
      data: { id: newId("sip"), tenantId: actor.tenantId, userId, domain: sipDomainFor(tenant.slug), username: lineNameFor(userId), passwordCipher: sealSecret(generateSipPassword()), displayName: user.name.slice(0, 80) },
    });
    await recordAudit(tx, actor, { action: "sip_user.created", targetType: "sip_user", targetId: row.id, after: { username: row.username, softphone: true } });
    return row;
  });
}

export async function getSoftphoneCredentials(actor: Actor): Promise<SoftphoneCredentials> {
  const line = await lineOf(actor);
  return { wsUrl: env.SOFTPHONE_WS_URL || null, domain: line.domain, username: line.username, password: openSecret(line.passwordCipher), displayName: line.displayName };
}

/** A new password for the member's own line (audited); the desktop registers again with it. */
export async function rotateSoftphonePassword(actor: Actor): Promise<SoftphoneCredentials> {
  const line = await lineOf(actor);
  await db.$transaction(async (tx) => {
    await tx.sipUser.update({ where: { id: line.id }, data: { passwordCipher: sealSecret(generateSipPassword()) } });
    await recordAudit(tx, actor, { action: "sip_user.password_rotated", targetType: "sip_user", targetId: line.id });
  });
  return getSoftphoneCredentials(actor);
}
