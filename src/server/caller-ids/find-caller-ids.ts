import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { NEWEST_FIRST, olderThan, toPage, type Page } from "@/server/shared/paging";
import { assertRole, type Actor } from "@/server/tenancy";
import { PHONE_NUMBER_READ_ROLE } from "@/server/numbers/phone-number-view";
import { loadTenantCallerId, toCallerIdView, type CallerIdView } from "@/server/caller-ids/caller-id-view";
import { ZCallerIdIdInput, ZFindCallerIdsInput, type TCallerIdIdInput, type TFindCallerIdsInput } from "@/server/caller-ids/caller-ids.schemas";

function searchTerms(search: string) {
  const digits = search.replace(/\D/g, "");
  return [{ friendlyName: { contains: search, mode: "insensitive" as const } }, ...(digits ? [{ e164: { contains: digits } }] : [])];
}

export async function findCallerIds(actor: Actor, input: TFindCallerIdsInput = {}): Promise<Page<CallerIdView>> {
  assertRole(actor, PHONE_NUMBER_READ_ROLE);
  const q = ZFindCallerIdsInput.parse(input);
  let after: { createdAt: Date; id: string } | null = null;
  if (q.cursor) {
    after = await db.callerId.findFirst({ where: { id: q.cursor, tenantId: actor.tenantId }, select: { createdAt: true, id: true } });
    if (!after) throw new AppError("BAD_REQUEST", "starting_after does not name a caller ID of this account", { details: [{ field: "starting_after", message: "unknown cursor" }] });
  }
  const rows = await db.callerId.findMany({
    where: {
      tenantId: actor.tenantId,
      ...(q.verified === undefined ? {} : { verifiedAt: q.verified ? { not: null } : null }),
      ...(q.search ? { OR: searchTerms(q.search) } : {}),
      ...(after ? olderThan(after) : {}),
    },
    orderBy: NEWEST_FIRST,
    take: q.limit + 1,
  });
  const page = toPage(rows, q.limit);
  return { ...page, items: page.items.map((r) => toCallerIdView(r)) };
}

export async function getCallerId(actor: Actor, input: TCallerIdIdInput): Promise<CallerIdView> {
  assertRole(actor, PHONE_NUMBER_READ_ROLE);
  const { id } = ZCallerIdIdInput.parse(input);
  return toCallerIdView(await loadTenantCallerId(db, actor.tenantId, id));
}
