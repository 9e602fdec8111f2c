import { findPhoneNumbers } from "@/server/numbers/find-phone-numbers";
import { getPhoneNumber } from "@/server/numbers/get-phone-number";
import { ZCreatePhoneNumberInput, ZFindPhoneNumbersInput, ZPhoneNumberIdInput, ZSearchAvailableNumbersInput, ZUpdatePhoneNumberInput } from "@/server/numbers/numbers.schemas";
import { PHONE_NUMBER_ADMIN_ROLE, PHONE_NUMBER_READ_ROLE } from "@/server/numbers/phone-number-view";
import { purchasePhoneNumber } from "@/server/numbers/purchase-phone-number";
import { releasePhoneNumber } from "@/server/numbers/release-phone-number";
import { searchAvailableNumbers } from "@/server/numbers/search-available-numbers";
import { updatePhoneNumber } from "@/server/numbers/update-phone-number";
import { createTRPCRouter, tenantProcedure } from "@/trpc/init";

const numberReader = tenantProcedure(PHONE_NUMBER_READ_ROLE);
const numberAdmin = tenantProcedure(PHONE_NUMBER_ADMIN_ROLE);

export const numbersRouter = createTRPCRouter({
  list: numberReader.input(ZFindPhoneNumbersInput).query(({ ctx, input }) => findPhoneNumbers(ctx.actor, input)),
  get: numberReader.input(ZPhoneNumberIdInput).query(({ ctx, input }) => getPhoneNumber(ctx.actor, input)),
  searchAvailable: numberAdmin.input(ZSearchAvailableNumbersInput).query(({ ctx, input }) => searchAvailableNumbers(ctx.actor, input)),
  purchase: numberAdmin.input(ZCreatePhoneNumberInput).mutation(({ ctx, input }) => purchasePhoneNumber(ctx.actor, input)),
  update: numberAdmin.input(ZUpdatePhoneNumberInput).mutation(({ ctx, input }) => updatePhoneNumber(ctx.actor, input)),
  release: numberAdmin.input(ZPhoneNumberIdInput).mutation(({ ctx, input }) => releasePhoneNumber(ctx.actor, input)),
});
