import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { NEWEST_FIRST, olderThan, toPage, type Page } from "@/server/shared/paging";
import { assertRole, type Actor } from "@/server/tenancy";
import { VOICEMAIL_BOX_SELECT, VOICEMAIL_READ_ROLE, toVoicemailBoxView, type VoicemailBoxView } from "@/server/voicemail/voicemail-view";
import { ZFindVoicemailBoxesInput, type TFindVoicemailBoxesInput } from "@/server/voicemail/voicemail.schemas";

/** The tenant's boxes, newest first. */
export async function findVoicemailBoxes(actor: Actor, rawInput: TFindVoicemailBoxesInput = {}): Promise<Page<VoicemailBoxView>> {
  assertRole(actor, VOICEMAIL_READ_ROLE);
  const input = ZFindVoicemailBoxesInput.parse(rawInput);
  let after: { createdAt: Date; id: string } | null = null;
  if (input.cursor) {
    after = await db.voicemailBox.findFirst({ where: { id: input.cursor, tenantId: actor.tenantId }, select: { createdAt: true, id: true } });
    if (!after) throw new AppError("BAD_REQUEST", "starting_after does not name a voicemail box of this account", { details: [{ field: "starting_after", message: "unknown cursor" }] });
  }
  const rows = await db.voicemailBox.findMany({
    where: { tenantId: actor.tenantId, ...(after ? olderThan(after) : {}) },
    orderBy: NEWEST_FIRST,
    take: input.limit + 1,
    select: VOICEMAIL_BOX_SELECT,
  });
  const page = toPage(rows, input.limit);
  return { ...page, items: page.items.map(toVoicemailBoxView) };
}
