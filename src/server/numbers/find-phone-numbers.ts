import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { NEWEST_FIRST, olderThan, toPage, type Page } from "@/server/shared/paging";
import { assertRole, type Actor } from "@/server/tenancy";
import { ZFindPhoneNumbersInput, type TFindPhoneNumbersInput } from "@/server/numbers/numbers.schemas";
import { PHONE_NUMBER_READ_ROLE, toPhoneNumberViews, type PhoneNumberView } from "@/server/numbers/phone-number-view";

const CAPABILITY_COLUMN = { voice: "voiceEnabled", sms: "smsEnabled", mms: "mmsEnabled" } as const;

/** A search matches the number's digits ("415 555" finds +14155550123) or its friendly name. */
function searchFilter(search: string | undefined): Prisma.PhoneNumberWhereInput {
  if (!search) return {};
  const digits = search.replace(/\D/g, "");
  return {
    OR: [
      { friendlyName: { contains: search, mode: "insensitive" } },
      ...(digits ? [{ e164: { contains: digits } }] : []),
    ],
  };
}

/** A tenant's numbers, newest first, paged by cursor (the id of the last number seen). */
export async function findPhoneNumbers(actor: Actor, rawInput: TFindPhoneNumbersInput = {}): Promise<Page<PhoneNumberView>> {
  assertRole(actor, PHONE_NUMBER_READ_ROLE);
  const input = ZFindPhoneNumbersInput.parse(rawInput);
  let after: { createdAt: Date; id: string } | null = null;
  if (input.cursor) {
    after = await db.phoneNumber.findFirst({ where: { id: input.cursor, tenantId: actor.tenantId }, select: { createdAt: true, id: true } });
    if (!after) throw new AppError("BAD_REQUEST", "starting_after does not name a phone number of this account", { details: [{ field: "starting_after", message: "unknown cursor" }] });
  }
  const rows = await db.phoneNumber.findMany({
    where: {
      tenantId: actor.tenantId,
      ...(input.capability ? { [CAPABILITY_COLUMN[input.capability]]: true } : {}),
      ...(after ? { AND: [olderThan(after), searchFilter(input.search)] } : searchFilter(input.search)),
    },
    orderBy: NEWEST_FIRST,
    take: input.limit + 1,
  });
  const page = toPage(rows, input.limit);
  return { ...page, items: await toPhoneNumberViews(db, actor.tenantId, page.items) };
}
