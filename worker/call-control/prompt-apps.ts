// A prompt (speak, play, silence) or DTMF to send, as the switch applications that play it once. Text goes through
// sayApplication's escaping (flite) or becomes a provider's audio file; audio only from a file the media or speech
// cache wrote, or a checked tone (switch-commands.ts).
// A source that cannot be played is a failure with Twilio's code, for the debugger; the document goes on.
import { parsePlaySource } from "@/server/calls/play-source";
import type { Prompt } from "@/server/voice-documents/interpreter/commands";
import type { MediaResult } from "./media-cache";
import type { SpeechPort } from "./speech-port";
import { fileApplication, pauseApplication, sayApplication, sendDtmfApplication, toneApplication, type SwitchApplication } from "./switch-commands";

/** Where played audio comes from (media-cache.ts). */
export interface MediaSource {
  readonly dir: string;
  fromUrl(tenantId: string, url: string): Promise<MediaResult>;
  fromRecording(tenantId: string, recordingId: string): Promise<MediaResult>;
}

/** Twilio 11200, HTTP retrieval failure: a <Play> URL (or recording) that cannot be fetched. */
export const PLAY_FETCH_FAILED = 11200;
/** Twilio 12200 (schema validation): a play source of a form this platform does not play. */
export const PLAY_SOURCE_INVALID = 12200;

export type PromptApps = { ok: true; app: SwitchApplication; file?: string } | { ok: false; code: number; message: string };

/** Twilio: loop="0" repeats until the call ends (or input comes); this many times at most. */
export const MAX_PROMPT_LOOPS = 1000;

export function loopCount(loop: number, max = MAX_PROMPT_LOOPS): number {
  return loop <= 0 ? max : Math.min(loop, max);
}

export interface PromptContext {
  tenantId: string;
  media: MediaSource;
  speech: SpeechPort;
}

/** A say: flite through `speak`, or a provider's voice as a file the speech cache wrote (speech-port.ts). */
async function spoken(prompt: Extract<Prompt, { kind: "speak" }>, ctx: PromptContext): Promise<PromptApps> {
  const voice = await ctx.speech.voiceFor(ctx.tenantId, prompt.voice).catch(() => "man");
  const result = await ctx.speech.synthesize({ tenantId: ctx.tenantId, text: prompt.text, voice, language: prompt.language, mediaDir: ctx.media.dir });
  if (!result.ok) return { ok: false, code: result.code, message: `say with ${voice}: ${result.message}` };
  if (result.engine === "flite") return { ok: true, app: sayApplication(prompt.text, voice) };
  return { ok: true, app: fileApplication(result.file, ctx.media.dir), file: result.file };
}

export async function promptApplication(prompt: Prompt, ctx: PromptContext): Promise<PromptApps> {
  if (prompt.kind === "speak") return spoken(prompt, ctx);
  if (prompt.kind === "silence") return { ok: true, app: pauseApplication(prompt.seconds) };
  const parsed = parsePlaySource(prompt.source);
  if (!parsed.ok) return { ok: false, code: PLAY_SOURCE_INVALID, message: `play ${prompt.source}: ${parsed.reason}` };
  const { source } = parsed;
  if (source.kind === "tone") return { ok: true, app: toneApplication(source.spec) };
  const media = source.kind === "url" ? await ctx.media.fromUrl(ctx.tenantId, source.url) : await ctx.media.fromRecording(ctx.tenantId, source.recordingId);
  if (!media.ok) return { ok: false, code: PLAY_FETCH_FAILED, message: `play ${prompt.source}: ${media.reason}` };
  return { ok: true, app: fileApplication(media.file, ctx.media.dir), file: media.file };
}

export function digitsApplication(digits: string): SwitchApplication {
  return sendDtmfApplication(digits);
}
