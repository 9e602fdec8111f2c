// THE TRANSCRIPTION HOOK. A box with `transcribe` on leaves each message "pending"; whatever turns speech into text
// (a speech-to-text adapter, src/server/speech) reads the message's recording (openRecordingAudio) and calls this
// with the text, or with `failed`. Only a pending message takes a transcript, so a late or repeated answer changes
// nothing once one was stored. Returns whether it was stored.
import { db } from "@/server/db";

export type VoicemailTranscriptInput = { tenantId: string; voicemailId: string } & ({ transcript: string } | { failed: true });

export async function recordVoicemailTranscript(input: VoicemailTranscriptInput): Promise<boolean> {
  const transcript = "transcript" in input ? input.transcript.trim() : "";
  const { count } = await db.voicemail.updateMany({
    where: { id: input.voicemailId, tenantId: input.tenantId, transcriptionStatus: "pending" },
    data: transcript ? { transcriptionStatus: "completed", transcript } : { transcriptionStatus: "failed" },
  });
  return count === 1;
}
