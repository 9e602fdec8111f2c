import { createPhoneNumber } from "@/server/numbers/create-phone-number";
import { findPhoneNumbers } from "@/server/numbers/find-phone-numbers";
import { getPhoneNumber } from "@/server/numbers/get-phone-number";
import { ZCreatePhoneNumberInput, ZFindPhoneNumbersInput, ZPhoneNumberIdInput, ZUpdatePhoneNumberInput } from "@/server/numbers/numbers.schemas";
import { PHONE_NUMBER_ADMIN_ROLE, PHONE_NUMBER_READ_ROLE } from "@/server/numbers/phone-number-view";
import { releasePhoneNumber } from "@/server/numbers/release-phone-number";
import { updatePhoneNumber } from "@/server/numbers/update-phone-number";
import { createTRPCRouter, tenantProcedure } from "@/trpc/init";

const numberReader = tenantProcedure(PHONE_NUMBER_READ_ROLE);
const numberAdmin = tenantProcedure(PHONE_NUMBER_ADMIN_ROLE);

export const numbersRouter = createTRPCRouter({
  list: numberReader.input(ZFindPhoneNumbersInput).query(({ ctx, input }) => findPhoneNumbers(ctx.actor, input)),
  get: numberReader.input(ZPhoneNumberIdInput).query(({ ctx, input }) => getPhoneNumber(ctx.actor, input)),
  create: numberAdmin.input(ZCreatePhoneNumberInput).mutation(({ ctx, input }) => createPhoneNumber(ctx.actor, input)),
  update: numberAdmin.input(ZUpdatePhoneNumberInput).mutation(({ ctx, input }) => updatePhoneNumber(ctx.actor, input)),
  release: numberAdmin.input(ZPhoneNumberIdInput).mutation(({ ctx, input }) => releasePhoneNumber(ctx.actor, input)),
});
