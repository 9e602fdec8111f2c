// The platform application behind `irisx:voicemail/<boxId>` (registered in voice-apps/internal-apps.ts):
//   irisx:voicemail/<boxId>         the greeting, then a record whose action is …/saved
//   irisx:voicemail/<boxId>/saved   the record's action: the message is saved (save-voicemail.ts), then goodbye
//   irisx:voicemail/<boxId>/transcribed   a box with transcription: the record's transcribeCallback (the worker's
//                                   recognizer, src/server/speech), stored on the message (record-voicemail-transcript.ts)
// A box of another tenant, or none, answers Twilio's 11200 as a tenant URL that does not exist would.
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import type { InternalApp, InternalAppResult } from "@/server/voice-apps/internal-apps";
import { VERB_SCHEMAS, type TVoiceDocument } from "@/server/voice-documents/voice-document.schemas";
import { recordVoicemailTranscript } from "@/server/voicemail/record-voicemail-transcript";
import { saveVoicemail } from "@/server/voicemail/save-voicemail";
import { voicemailBoxUrl } from "@/server/voicemail/voicemail-view";

export const DEFAULT_GREETING = "Please leave a message after the tone. Press the pound key when you are finished.";
const GOODBYE: TVoiceDocument = [VERB_SCHEMAS.say.parse({ say: "Thank you. Goodbye." }), VERB_SCHEMAS.hangup.parse({ hangup: true })];
const NOTHING_RECORDED: TVoiceDocument = [VERB_SCHEMAS.say.parse({ say: "No message was recorded. Goodbye." }), VERB_SCHEMAS.hangup.parse({ hangup: true })];

async function greetingDocument(tenantId: string, boxId: string): Promise<TVoiceDocument | null> {
  const box = await db.voicemailBox.findFirst({ where: { id: boxId, tenantId }, select: { greetingText: true, maxLengthSeconds: true, transcribe: true, greeting: { select: { id: true } } } });
  if (!box) return null;
  const greeting = box.greeting ? VERB_SCHEMAS.play.parse({ play: `recording:${box.greeting.id}` }) : VERB_SCHEMAS.say.parse({ say: box.greetingText ?? DEFAULT_GREETING });
  // The action is a platform URL, which the schema's http(s) rule for tenant documents does not admit; it is set after.
  const record = {
    ...VERB_SCHEMAS.record.parse({ record: true, maxLength: box.maxLengthSeconds, playBeep: true, finishOnKey: "#", transcribe: box.transcribe }),
    action: `${voicemailBoxUrl(boxId)}/saved`,
    ...(box.transcribe ? { transcribeCallback: `${voicemailBoxUrl(boxId)}/transcribed` } : {}),
  };
  return [greeting, record, ...NOTHING_RECORDED];
}

const notFoundResult = (url: string): InternalAppResult => ({ ok: false, code: 11200, message: `${url}: no such voicemail box` });

export const voicemailApp: InternalApp = async (request) => {
  const [boxId = "", page, ...rest] = request.path.split("/");
  const url = `irisx:voicemail/${request.path}`;
  if (!/^vmb_[0-9a-z]{26}$/.test(boxId) || rest.length > 0 || (page !== undefined && page !== "saved" && page !== "transcribed")) return notFoundResult(url);
  if (page === undefined) {
    const document = await greetingDocument(request.tenantId, boxId);
    return document ? { ok: true, document } : notFoundResult(url);
  }
  if (page === "transcribed") return transcribed(request.tenantId, boxId, request.params);
  try {
    const result = await saveVoicemail({ tenantId: request.tenantId, callId: request.callId, boxId, params: request.params });
    return { ok: true, document: result.saved ? GOODBYE : NOTHING_RECORDED };
  } catch (err) {
    if (err instanceof AppError && err.code === "NOT_FOUND") return notFoundResult(url);
    throw err;
  }
};

/** Tries of finding the message a transcription is for: the recognizer may answer before the message is saved. */
const TRANSCRIPT_TRIES = 5;

async function transcribed(tenantId: string, boxId: string, params: Record<string, string>): Promise<InternalAppResult> {
  const recordingId = params.RecordingSid ?? "";
  for (let i = 0; i < TRANSCRIPT_TRIES; i++) {
    const message = await db.voicemail.findFirst({ where: { tenantId, boxId, recordingId }, select: { id: true } });
    if (message) {
      const text = params.TranscriptionStatus === "completed" ? (params.TranscriptionText ?? "") : "";
      await recordVoicemailTranscript(text ? { tenantId, voicemailId: message.id, transcript: text } : { tenantId, voicemailId: message.id, failed: true });
      return { ok: true, document: [] };
    }
    await new Promise((r) => setTimeout(r, 400));
  }
  return { ok: false, code: 11200, message: `irisx:voicemail/${boxId}/transcribed: no message for recording ${recordingId}` };
}
