import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { NEWEST_FIRST, olderThan, toPage, type Page } from "@/server/shared/paging";
import { assertRole, type Actor } from "@/server/tenancy";
import { VOICEMAIL_READ_ROLE, VOICEMAIL_SELECT, toVoicemailView, type VoicemailView } from "@/server/voicemail/voicemail-view";
import { ZFindVoicemailsInput, type TFindVoicemailsInput } from "@/server/voicemail/voicemail.schemas";

/** The inbox: the tenant's messages newest first, of one box or all, optionally unread only. */
export async function findVoicemails(actor: Actor, rawInput: TFindVoicemailsInput = {}): Promise<Page<VoicemailView>> {
  assertRole(actor, VOICEMAIL_READ_ROLE);
  const input = ZFindVoicemailsInput.parse(rawInput);
  let after: { createdAt: Date; id: string } | null = null;
  if (input.cursor) {
    after = await db.voicemail.findFirst({ where: { id: input.cursor, tenantId: actor.tenantId }, select: { createdAt: true, id: true } });
    if (!after) throw new AppError("BAD_REQUEST", "starting_after does not name a voicemail of this account", { details: [{ field: "starting_after", message: "unknown cursor" }] });
  }
  const rows = await db.voicemail.findMany({
    where: {
      tenantId: actor.tenantId,
      ...(input.boxId ? { boxId: input.boxId } : {}),
      ...(input.unreadOnly ? { readAt: null } : {}),
      ...(after ? olderThan(after) : {}),
    },
    orderBy: NEWEST_FIRST,
    take: input.limit + 1,
    select: VOICEMAIL_SELECT,
  });
  const page = toPage(rows, input.limit);
  return { ...page, items: page.items.map(toVoicemailView) };
}
