import { createSendingDomain } from "@/server/sending-domains/create-sending-domain";
import { deleteSendingDomain } from "@/server/sending-domains/delete-sending-domain";
import { findSendingDomains, getSendingDomain } from "@/server/sending-domains/find-sending-domains";
import { SENDING_DOMAIN_ROLE } from "@/server/sending-domains/sending-domain-view";
import { ZCreateSendingDomainInput, ZFindSendingDomainsInput, ZSendingDomainIdInput, ZValidateEmailAddressInput } from "@/server/sending-domains/sending-domains.schemas";
import { validateEmailAddress } from "@/server/sending-domains/validate-email-address";
import { verifySendingDomain } from "@/server/sending-domains/verify-sending-domain";
import { createTRPCRouter, tenantProcedure } from "@/trpc/init";

const admin = tenantProcedure(SENDING_DOMAIN_ROLE);

export const sendingDomainsRouter = createTRPCRouter({
  list: admin.input(ZFindSendingDomainsInput).query(({ ctx, input }) => findSendingDomains(ctx.actor, input)),
  get: admin.input(ZSendingDomainIdInput).query(({ ctx, input }) => getSendingDomain(ctx.actor, input)),
  create: admin.input(ZCreateSendingDomainInput).mutation(({ ctx, input }) => createSendingDomain(ctx.actor, input)),
  verify: admin.input(ZSendingDomainIdInput).mutation(({ ctx, input }) => verifySendingDomain(ctx.actor, input)),
  delete: admin.input(ZSendingDomainIdInput).mutation(({ ctx, input }) => deleteSendingDomain(ctx.actor, input)),
  validateAddress: tenantProcedure({ minRole: "AGENT" }).input(ZValidateEmailAddressInput).mutation(({ ctx, input }) => validateEmailAddress(ctx.actor, input)),
});
