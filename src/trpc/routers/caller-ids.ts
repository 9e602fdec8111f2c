import { ZCallerIdIdInput, ZConfirmCallerIdInput, ZFindCallerIdsInput, ZStartCallerIdVerificationInput } from "@/server/caller-ids/caller-ids.schemas";
import { confirmCallerId } from "@/server/caller-ids/confirm-caller-id";
import { deleteCallerId } from "@/server/caller-ids/delete-caller-id";
import { findCallerIds, getCallerId } from "@/server/caller-ids/find-caller-ids";
import { startCallerIdVerification } from "@/server/caller-ids/start-caller-id-verification";
import { PHONE_NUMBER_ADMIN_ROLE, PHONE_NUMBER_READ_ROLE } from "@/server/numbers/phone-number-view";
import { createTRPCRouter, tenantProcedure } from "@/trpc/init";

const reader = tenantProcedure(PHONE_NUMBER_READ_ROLE);
const admin = tenantProcedure(PHONE_NUMBER_ADMIN_ROLE);

export const callerIdsRouter = createTRPCRouter({
  list: reader.input(ZFindCallerIdsInput).query(({ ctx, input }) => findCallerIds(ctx.actor, input)),
  get: reader.input(ZCallerIdIdInput).query(({ ctx, input }) => getCallerId(ctx.actor, input)),
  startVerification: admin.input(ZStartCallerIdVerificationInput).mutation(({ ctx, input }) => startCallerIdVerification(ctx.actor, input)),
  verify: admin.input(ZConfirmCallerIdInput).mutation(({ ctx, input }) => confirmCallerId(ctx.actor, input)),
  delete: admin.input(ZCallerIdIdInput).mutation(({ ctx, input }) => deleteCallerId(ctx.actor, input)),
});
