import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import { newSid } from "@/server/shared/ids";
import type { RecordingEvent } from "@/server/recordings/recording-view";
import { RECORDING_VIEW_SELECT, toRecordingView, type RecordingView } from "@/server/recordings/recording-view";
import { ZStartRecordingInput, type TStartRecordingInput } from "@/server/recordings/recordings.schemas";

/**
 * The worker calls this when it starts `uuid_record` on a call: the recording exists (IN_PROGRESS) from then on.
 * A repeat for the same call and file (a retried command) returns the recording already started.
 */
export async function startRecording(rawInput: TStartRecordingInput, opts: { now?: Date } = {}): Promise<RecordingView> {
  const input = ZStartRecordingInput.parse(rawInput);
  const now = opts.now ?? new Date();
  const call = await db.call.findFirst({ where: { id: input.callId, tenantId: input.tenantId }, select: { id: true } });
  if (!call) throw notFound("call");
  const existing = await db.recording.findFirst({
    where: { tenantId: input.tenantId, callId: input.callId, switchPath: input.switchPath, status: "IN_PROGRESS" },
    select: RECORDING_VIEW_SELECT,
  });
  if (existing) return toRecordingView(existing);
  const event: RecordingEvent = { status: "in_progress", at: now.toISOString() };
  const created = await db.recording.create({
    data: {
      id: newSid("RE"),
      tenantId: input.tenantId,
      callId: input.callId,
      channels: input.channels,
      switchPath: input.switchPath,
      status: "IN_PROGRESS",
      startedAt: now,
      events: [event] as never,
    },
    select: RECORDING_VIEW_SELECT,
  });
  return toRecordingView(created);
}
