import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import { assertRole, type Actor } from "@/server/tenancy";
import { RECORDING_READ_ROLE, RECORDING_VIEW_SELECT, toRecordingView, type RecordingView } from "@/server/recordings/recording-view";
import { ZRecordingIdInput, type TRecordingIdInput } from "@/server/recordings/recordings.schemas";

/** One recording of the actor's tenant; another tenant's id reads as not found. */
export async function getRecording(actor: Actor, rawInput: TRecordingIdInput): Promise<RecordingView> {
  assertRole(actor, RECORDING_READ_ROLE);
  const { id } = ZRecordingIdInput.parse(rawInput);
  const recording = await db.recording.findFirst({ where: { id, tenantId: actor.tenantId }, select: RECORDING_VIEW_SELECT });
  if (!recording) throw notFound("recording");
  return toRecordingView(recording);
}
