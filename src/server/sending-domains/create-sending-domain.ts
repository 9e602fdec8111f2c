import { generateKeyPairSync, randomBytes } from "node:crypto";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/audit/record-audit";
import { sealSecret } from "@/server/crypto/secret-box";
import { newId } from "@/server/shared/ids";
import { assertRole, type Actor } from "@/server/tenancy";
import { deliverabilitySettings } from "@/server/sending-domains/deliverability-settings";
import { SENDING_DOMAIN_ROLE, toSendingDomainView, type SendingDomainView } from "@/server/sending-domains/sending-domain-view";
import { ZCreateSendingDomainInput, type TCreateSendingDomainInput } from "@/server/sending-domains/sending-domains.schemas";

/** Adds a domain to send from, with a fresh 2048-bit RSA DKIM key (RFC 8301's minimum is 1024; 2048 is the norm). */
export async function createSendingDomain(actor: Actor, input: TCreateSendingDomainInput): Promise<SendingDomainView> {
  assertRole(actor, SENDING_DOMAIN_ROLE);
  const { domain } = ZCreateSendingDomainInput.parse(input);
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const dkimPublicKey = publicKey.export({ format: "der", type: "spki" }).toString("base64");
  const id = newId("sd");
  try {
    return await db.$transaction(async (tx) => {
      const row = await tx.sendingDomain.create({
        data: {
          id,
          tenantId: actor.tenantId,
          domain,
          dkimSelector: deliverabilitySettings().dkimSelector,
          inboundToken: `sdi_${randomBytes(16).toString("hex")}`,
          dkimPublicKey,
          dkimPrivateKeySealed: sealSecret(privateKey.export({ format: "pem", type: "pkcs8" }).toString()),
        },
      });
      await recordAudit(tx, actor, { action: "sending_domain.created", targetType: "sending_domain", targetId: id, after: { domain, dkimSelector: row.dkimSelector } });
      return toSendingDomainView(row);
    });
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      throw new AppError("CONFLICT", `domain: ${domain} is already a sending domain of this account`, { details: { fieldErrors: { domain: ["already added"] } } });
    }
    throw e;
  }
}
