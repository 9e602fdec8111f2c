import { randomBytes } from "node:crypto";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { AppError, notFound } from "@/server/errors";
import { recordAudit } from "@/server/audit/record-audit";
import { sealSecret } from "@/server/crypto/secret-box";
import { newId } from "@/server/shared/ids";
import { assertRole, type Actor } from "@/server/tenancy";
import { SIP_USER_ROLE, sipDomainFor, toSipUserView, type SipUserView } from "@/server/sip/sip-user-view";
import { ZCreateSipUserInput, type TCreateSipUserInput } from "@/server/sip/sip-users.schemas";

export interface CreatedSipUser {
  sipUser: SipUserView;
  /** Shown once here; afterwards only revealSipUserPassword (audited) reads it back. */
  password: string;
}

/**
 * 18 random bytes as base64url: 24 characters, 144 bits. Digest auth is an offline-guessable MD5 of the password,
 * so it must be long and random rather than memorable; softphones store it.
 */
export function generateSipPassword(): string {
  return randomBytes(18).toString("base64url");
}

export async function createSipUser(actor: Actor, rawInput: TCreateSipUserInput): Promise<CreatedSipUser> {
  assertRole(actor, SIP_USER_ROLE);
  const input = ZCreateSipUserInput.parse(rawInput);
  const password = generateSipPassword();
  const id = newId("sip");
  try {
    const sipUser = await db.$transaction(async (tx) => {
      const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: actor.tenantId }, select: { slug: true } });
      if (input.userId) {
        const member = await tx.membership.findFirst({ where: { tenantId: actor.tenantId, userId: input.userId }, select: { id: true } });
        if (!member) throw notFound("team member");
      }
      const row = await tx.sipUser.create({
        data: {
          id,
          tenantId: actor.tenantId,
          userId: input.userId ?? null,
          domain: sipDomainFor(tenant.slug),
          username: input.username,
          passwordCipher: sealSecret(password),
          displayName: input.displayName,
        },
      });
      const view = toSipUserView(row);
      await recordAudit(tx, actor, { action: "sip_user.created", targetType: "sip_user", targetId: id, after: view });
      return view;
    });
    return { sipUser, password };
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      throw new AppError("CONFLICT", `the username ${input.username} is already taken in this workspace`, {
        details: { fieldErrors: { username: ["already taken"] } },
      });
    }
    throw e;
  }
}
