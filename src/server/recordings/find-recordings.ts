import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { NEWEST_FIRST, olderThan, toPage, type Page } from "@/server/shared/paging";
import { assertRole, type Actor } from "@/server/tenancy";
import { RECORDING_READ_ROLE, RECORDING_VIEW_SELECT, toRecordingView, type RecordingView } from "@/server/recordings/recording-view";
import { ZFindRecordingsInput, type TFindRecordingsInput } from "@/server/recordings/recordings.schemas";

/** A tenant's recordings (deleted ones included, with their status), newest first; optionally of one call. */
export async function findRecordings(actor: Actor, rawInput: TFindRecordingsInput = {}): Promise<Page<RecordingView>> {
  assertRole(actor, RECORDING_READ_ROLE);
  const input = ZFindRecordingsInput.parse(rawInput);
  let after: { createdAt: Date; id: string } | null = null;
  if (input.cursor) {
    after = await db.recording.findFirst({ where: { id: input.cursor, tenantId: actor.tenantId }, select: { createdAt: true, id: true } });
    if (!after) throw new AppError("BAD_REQUEST", "starting_after does not name a recording of this account", { details: [{ field: "starting_after", message: "unknown cursor" }] });
  }
  const rows = await db.recording.findMany({
    where: { tenantId: actor.tenantId, ...(input.callId ? { callId: input.callId } : {}), ...(after ? olderThan(after) : {}) },
    orderBy: NEWEST_FIRST,
    take: input.limit + 1,
    select: RECORDING_VIEW_SELECT,
  });
  const page = toPage(rows, input.limit);
  return { ...page, items: page.items.map(toRecordingView) };
}
