// A tenant buys a number through the platform's carrier number API. The row is written first, with no provider
// id yet, so the unique index on e164 decides between two accounts racing for one number before any money is
// spent; a purchase the provider refuses removes it again. A process that dies between the two leaves a row
// whose providerNumberId is null, which the numbers page shows as "purchase not confirmed".
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import type { Actor } from "@/server/tenancy";
import { logger } from "@/server/logger";
import { insertPhoneNumber, isUniqueViolation, numberUnavailable } from "@/server/numbers/create-phone-number";
import { ZCreatePhoneNumberInput, type TCreatePhoneNumberInput } from "@/server/numbers/numbers.schemas";
import { assertCanManageNumbers, toPhoneNumberView, type PhoneNumberView } from "@/server/numbers/phone-number-view";
import { configuredNumberProvider } from "@/server/numbers/providers/configured-number-provider";
import { NumberProviderError, type NumberProvider } from "@/server/numbers/providers/number-provider";

export function noNumberProvider(): AppError {
  return new AppError("UNPROCESSABLE", "no_number_provider: numbers cannot be bought on this installation (no number provider is configured); platform staff can assign one, or verify a number you already own as a caller ID", {
    details: { fieldErrors: { phoneNumber: ["numbers cannot be bought here: ask platform staff to assign one, or verify a number you own as a caller ID"] } },
  });
}

/** A provider that could not be asked: the tenant should retry, nothing was bought. */
export function providerFailed(err: NumberProviderError): AppError {
  return new AppError("UNAVAILABLE", `the number provider could not complete the request; nothing was bought, try again (${err.message})`, { retryAfter: 5, cause: err });
}

export async function purchasePhoneNumber(actor: Actor, input: TCreatePhoneNumberInput, provider: NumberProvider | null = configuredNumberProvider()): Promise<PhoneNumberView> {
  assertCanManageNumbers(actor);
  const settings = ZCreatePhoneNumberInput.parse(input);
  if (!provider) throw noNumberProvider();
  let reserved: PhoneNumberView;
  try {
    reserved = await db.$transaction((tx) => insertPhoneNumber(tx, actor, { tenantId: actor.tenantId, settings, origin: "PROVISIONED", provider: provider.name }));
  } catch (e) {
    if (isUniqueViolation(e)) throw numberUnavailable(settings.phoneNumber);
    throw e;
  }
  let providerNumberId: string;
  try {
    ({ providerNumberId } = await provider.purchase(settings.phoneNumber));
  } catch (err) {
    await db.phoneNumber.delete({ where: { id: reserved.id } });
    if (err instanceof NumberProviderError) {
      logger.warn({ tenantId: actor.tenantId, provider: provider.name, err: err.message }, "number purchase refused by the provider");
      throw err.kind === "unavailable" ? numberUnavailable(settings.phoneNumber) : providerFailed(err);
    }
    throw err;
  }
  return toPhoneNumberView(await db.phoneNumber.update({ where: { id: reserved.id }, data: { providerNumberId } }));
}
