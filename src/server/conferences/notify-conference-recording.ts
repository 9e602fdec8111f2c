// The worker calls this once it has ingested a record-from-start room's recording (the room ended): the
// <Conference recordingStatusCallback> hears of it in Twilio's form, queued like the room's other callbacks (on the
// call whose noun started the recording). Only a finished recording is told (Twilio's default event, completed); an
// absent or failed one is only on the recording's own row.
import { rfc2822, TWILIO_API_VERSION } from "@/server/calls/call-transitions";
import { db } from "@/server/db";
import { env } from "@/env";
import { queueConferenceCallback } from "@/server/conferences/conference-notifications";

export async function notifyConferenceRecording(input: { conferenceId: string }): Promise<{ queued: boolean }> {
  return db.$transaction(async (tx) => {
    const conference = await tx.conference.findUnique({ where: { id: input.conferenceId } });
    if (!conference?.recordingId || !conference.recordingStatusCallbackUrl) return { queued: false };
    const recording = await tx.recording.findUnique({ where: { id: conference.recordingId } });
    if (recording?.status !== "COMPLETED") return { queued: false };
    const appUrl = env.APP_URL.replace(/\/+$/, "");
    await queueConferenceCallback(
      tx,
      { tenantId: conference.tenantId, callId: recording.callId, url: conference.recordingStatusCallbackUrl, method: conference.recordingStatusCallbackMethod },
      (accountSid) => ({
        AccountSid: accountSid,
        ConferenceSid: conference.id,
        RecordingSid: recording.id,
        RecordingUrl: `${appUrl}/${TWILIO_API_VERSION}/Accounts/${accountSid}/Recordings/${recording.id}`,
        RecordingStatus: "completed",
        RecordingDuration: String(recording.durationSeconds ?? 0),
        RecordingChannels: String(recording.channels),
        RecordingStartTime: rfc2822(recording.startedAt),
        RecordingSource: "DialConference",
      }),
    );
    return { queued: true };
  });
}
