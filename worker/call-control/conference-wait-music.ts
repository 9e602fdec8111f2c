// A <Conference waitUrl>: audio played to members while the room waits for a moderator. Twilio's waitUrl is an
// audio file or a document of Play/Say/Pause; the audio of its first <Play> of an http(s) URL is taken (Say and
// Pause have no file to loop as the room's music). Anything that fails leaves the switch's own hold music.
import type { Callback } from "@/server/voice-documents/interpreter/commands";
import { fetchVoiceDocument } from "./fetch-voice-document";
import type { MediaSource } from "./prompt-apps";

export async function waitMusicFile(input: {
  tenantId: string;
  waitUrl: Callback;
  media: MediaSource;
  sign: (input: { tenantId: string; url: string; params: Record<string, string> }) => Promise<string>;
}): Promise<string | null> {
  const direct = await input.media.fromUrl(input.tenantId, input.waitUrl.url).catch(() => null);
  if (direct?.ok) return direct.file;
  const fetched = await fetchVoiceDocument({ tenantId: input.tenantId, url: input.waitUrl.url, method: input.waitUrl.method, params: {}, sign: input.sign }).catch(() => null);
  if (!fetched?.ok) return null;
  for (const verb of fetched.document) {
    if ("play" in verb && /^https?:\/\//i.test(verb.play)) {
      const audio = await input.media.fromUrl(input.tenantId, verb.play).catch(() => null);
      return audio?.ok ? audio.file : null;
    }
  }
  return null;
}
