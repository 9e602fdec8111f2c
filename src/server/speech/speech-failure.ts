// How speech fails, in Twilio's codes where Twilio has one (twilio.com/docs/api/errors): 13520 Say: invalid text,
// 13521 <Say> element character limits exceeded,
// 13511 Say: invalid voice value (also a voice whose provider is not configured, or that the provider refuses),
// 13331 Gather: invalid language value, 13343 Gather: invalid configuration for speech provider, 20429 too many
// requests, 20503 service unavailable (a provider that times out, fails or answers with unusable audio).
import { WavFormatError } from "@/server/recordings/wav-header";
import { ProviderHttpError, ProviderUnavailableError } from "@/server/speech/provider-request";

export type SpeechFailure = { ok: false; code: number; message: string };

export const SPEECH_ERROR = {
  SAY_INVALID_TEXT: 13520,
  SAY_TEXT_TOO_LONG: 13521,
  SAY_INVALID_VOICE: 13511,
  GATHER_INVALID_LANGUAGE: 13331,
  GATHER_INVALID_PROVIDER_CONFIG: 13343,
  TOO_MANY_REQUESTS: 20429,
  SERVICE_UNAVAILABLE: 20503,
} as const;

export const speechFailure = (code: number, message: string): SpeechFailure => ({ ok: false, code, message });

/**
 * A provider's failure as the caller reports it. `refused` is the code for a request the provider turned down
 * (400/404/422: a voice, language or model it does not have); `credentials` for a key it does not accept (401/403).
 */
export function providerFailure(err: unknown, provider: string, codes: { refused: number; credentials: number }): SpeechFailure {
  if (err instanceof ProviderHttpError) {
    if (err.status === 429) return speechFailure(SPEECH_ERROR.TOO_MANY_REQUESTS, `${provider} is limiting requests (${err.message}); try again shortly`);
    if (err.status === 401 || err.status === 403) return speechFailure(codes.credentials, `${provider} refused the key (${err.message}); check the key in Settings → Speech`);
    if (err.status === 400 || err.status === 404 || err.status === 422) return speechFailure(codes.refused, `${provider} refused the request (${err.message})`);
    return speechFailure(SPEECH_ERROR.SERVICE_UNAVAILABLE, `${provider} failed (${err.message})`);
  }
  if (err instanceof ProviderUnavailableError) return speechFailure(SPEECH_ERROR.SERVICE_UNAVAILABLE, `${provider} ${err.message}`);
  if (err instanceof WavFormatError) return speechFailure(SPEECH_ERROR.SERVICE_UNAVAILABLE, `${provider} answered with audio that cannot be played (${err.message})`);
  return speechFailure(SPEECH_ERROR.SERVICE_UNAVAILABLE, `${provider} request failed (${err instanceof Error ? err.message : String(err)})`);
}
