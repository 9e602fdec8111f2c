import { AppError } from "@/server/errors";
import { assertRole, type Actor } from "@/server/tenancy";
import { renderSpeech } from "@/server/speech/render-speech";
import { SPEECH_ADMIN_ROLE } from "@/server/speech/speech-settings-view";
import { formatVoice, parseVoice } from "@/server/speech/speech-voice";
import { ZPreviewSpeechInput, type TPreviewSpeechInput } from "@/server/speech/speech.schemas";

/**
 * A sentence in a provider's voice, for the settings page to play in the browser (WAV, base64). Straight from the
 * provider with the key calls would use, uncached. Flite lives in the switch, so its voices have no preview here.
 * Admins only: each preview is a billed provider request.
 */
export async function previewSpeech(actor: Actor, rawInput: TPreviewSpeechInput): Promise<{ voice: string; contentType: "audio/wav"; audioBase64: string }> {
  assertRole(actor, SPEECH_ADMIN_ROLE);
  const input = ZPreviewSpeechInput.parse(rawInput);
  const voice = parseVoice(input.voice)!;
  if (voice.provider === "flite") throw new AppError("UNPROCESSABLE", "flite voices are spoken by the switch and cannot be previewed here; place a test call to hear them", { details: [{ field: "voice", message: "is a flite voice" }] });
  const rendered = await renderSpeech({ tenantId: actor.tenantId, voice, text: input.text, language: input.language });
  if (!rendered.ok) throw new AppError("UNPROCESSABLE", `${rendered.message} (Twilio error ${rendered.code})`, { details: [{ field: "voice", message: rendered.message, twilioCode: rendered.code }] });
  return { voice: formatVoice(voice), contentType: "audio/wav", audioBase64: rendered.wav.toString("base64") };
}
