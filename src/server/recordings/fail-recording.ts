import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import { RECORDING_VIEW_SELECT, toRecordingView, type RecordingView } from "@/server/recordings/recording-view";
import { ZFailRecordingInput, type TFailRecordingInput } from "@/server/recordings/recordings.schemas";
import { transitionRecording } from "@/server/recordings/transition-recording";

/** The worker marks a recording that cannot finish (the switch refused `uuid_record`, the file is unusable). */
export async function failRecording(rawInput: TFailRecordingInput, opts: { now?: Date } = {}): Promise<RecordingView> {
  const input = ZFailRecordingInput.parse(rawInput);
  const now = opts.now ?? new Date();
  await db.$transaction((tx) =>
    transitionRecording(tx, { id: input.recordingId, from: ["IN_PROGRESS"], to: "FAILED", at: now, data: { errorMessage: input.errorMessage }, detail: input.errorMessage }),
  );
  const recording = await db.recording.findUnique({ where: { id: input.recordingId }, select: RECORDING_VIEW_SELECT });
  if (!recording) throw notFound("recording");
  return toRecordingView(recording);
}
