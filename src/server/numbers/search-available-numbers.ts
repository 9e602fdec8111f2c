import { AppError } from "@/server/errors";
import type { Actor } from "@/server/tenancy";
import { db } from "@/server/db";
import { ZSearchAvailableNumbersInput, type TSearchAvailableNumbersInput } from "@/server/numbers/numbers.schemas";
import { assertCanManageNumbers } from "@/server/numbers/phone-number-view";
import { providerFailed } from "@/server/numbers/purchase-phone-number";
import { configuredNumberProvider } from "@/server/numbers/providers/configured-number-provider";
import { NumberProviderError, type AvailableNumber, type NumberProvider } from "@/server/numbers/providers/number-provider";

export interface AvailableNumbers {
  /** Null when the installation has no number provider (the portal then explains how numbers are had here). */
  provider: string | null;
  numbers: AvailableNumber[];
}

/** Numbers the provider sells now, less any an account here already holds (the provider may not know yet). */
export async function searchAvailableNumbers(actor: Actor, input: TSearchAvailableNumbersInput, provider: NumberProvider | null = configuredNumberProvider()): Promise<AvailableNumbers> {
  assertCanManageNumbers(actor);
  const query = ZSearchAvailableNumbersInput.parse(input);
  if (!provider) return { provider: null, numbers: [] };
  let found: AvailableNumber[];
  try {
    found = await provider.search(query);
  } catch (err) {
    if (err instanceof NumberProviderError && err.kind === "unavailable") {
      throw new AppError("VALIDATION_FAILED", `the number provider refused the search: ${err.message}`, { details: { fieldErrors: { country: ["the provider has no numbers for this search"] } } });
    }
    if (err instanceof NumberProviderError) throw providerFailed(err);
    throw err;
  }
  const held = new Set((await db.phoneNumber.findMany({ where: { e164: { in: found.map((n) => n.phoneNumber) } }, select: { e164: true } })).map((n) => n.e164));
  return { provider: provider.name, numbers: found.filter((n) => !held.has(n.phoneNumber)) };
}
