// The record verb's action of a voicemail box (`irisx:voicemail/<boxId>/saved`): the caller's recording becomes a
// message. The worker created the Recording before it posted (its audio is stored a moment later, when the switch
// has finished the file). One message per recording (a repeated request returns the first); an empty recording, or
// one of another call, saves nothing. After the commit: the email to the box's recipients and, with the message,
// the voicemail.created webhook (in the same transaction, through the outbox).
import { env } from "@/env";
import { db } from "@/server/db";
import { sendEmail } from "@/server/email/send-email";
import { voicemailReceivedTemplate } from "@/server/email/templates/voicemail-received";
import { notFound } from "@/server/errors";
import { logger } from "@/server/logger";
import { newSid } from "@/server/shared/ids";
import { emitWebhookEvent } from "@/server/webhooks/emit-webhook-event";
import { loadVoicemail } from "@/server/voicemail/get-voicemail";
import { toVoicemailResource, type TranscriptionStatus, type VoicemailView } from "@/server/voicemail/voicemail-view";

export interface SaveVoicemailInput {
  tenantId: string;
  callId: string;
  boxId: string;
  /** The record action's parameters, Twilio's names: RecordingSid, RecordingUrl, RecordingDuration, From, To, CallSid, TranscriptionText. */
  params: Record<string, string>;
}

export type SaveVoicemailResult = { saved: true; voicemail: VoicemailView } | { saved: false; reason: string };

const RECORDING_ID = /^RE[0-9a-f]{32}$/;

export async function saveVoicemail(input: SaveVoicemailInput): Promise<SaveVoicemailResult> {
  const box = await db.voicemailBox.findFirst({ where: { id: input.boxId, tenantId: input.tenantId }, include: { user: { select: { email: true } } } });
  if (!box) throw notFound("voicemail box");
  const recordingId = input.params.RecordingSid ?? "";
  const durationSeconds = Number.parseInt(input.params.RecordingDuration ?? "", 10);
  if (!RECORDING_ID.test(recordingId)) return { saved: false, reason: "no RecordingSid" };
  if (!(durationSeconds > 0)) return { saved: false, reason: "the recording is empty" };
  const recording = await db.recording.findFirst({ where: { id: recordingId, tenantId: input.tenantId, callId: input.callId }, select: { id: true, status: true } });
  if (!recording) return { saved: false, reason: "no such recording on this call" };
  if (recording.status === "ABSENT" || recording.status === "FAILED" || recording.status === "DELETED") return { saved: false, reason: `the recording is ${recording.status.toLowerCase()}` };

  const existing = await db.voicemail.findUnique({ where: { recordingId }, select: { id: true, tenantId: true } });
  if (existing) return { saved: true, voicemail: await loadVoicemail(db, input.tenantId, existing.id) };

  const call = await db.call.findUniqueOrThrow({ where: { id: input.callId }, select: { from: true, to: true } });
  const transcript = input.params.TranscriptionText?.trim() || null;
  const transcriptionStatus: TranscriptionStatus = transcript ? "completed" : box.transcribe ? "pending" : "none";
  const id = newSid("VM");
  const voicemail = await db.$transaction(async (tx) => {
    await tx.voicemail.create({
      data: {
        id,
        tenantId: input.tenantId,
        boxId: box.id,
        callId: input.callId,
        recordingId,
        from: input.params.From || call.from,
        to: input.params.To || call.to,
        durationSeconds: Math.min(durationSeconds, box.maxLengthSeconds + 5),
        transcriptionStatus,
        transcript,
      },
    });
    const view = await loadVoicemail(tx, input.tenantId, id);
    await emitWebhookEvent(tx, { tenantId: input.tenantId, type: "voicemail.created", data: { voicemail: toVoicemailResource(view) } });
    return view;
  });

  const recipients = [...new Set([...box.notifyEmails, ...(box.user ? [box.user.email.toLowerCase()] : [])])];
  await notifyRecipients(recipients, voicemail);
  return { saved: true, voicemail };
}

/** One mail per recipient; a refused one is logged and does not undo the message or stop the others. */
async function notifyRecipients(recipients: string[], voicemail: VoicemailView): Promise<void> {
  const mail = voicemailReceivedTemplate({
    boxName: voicemail.boxName,
    from: voicemail.from,
    durationSeconds: voicemail.durationSeconds,
    url: `${env.APP_URL}/voicemail?message=${voicemail.id}`,
  });
  for (const to of recipients) {
    await sendEmail({ to, ...mail }).catch((err: unknown) => logger.warn({ err, voicemailId: voicemail.id }, "voicemail notification email not sent"));
  }
}
