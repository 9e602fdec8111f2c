// Runs say/play/pause/hangup on a live channel with sendmsg execute (event-lock: the switch runs them one after
// another), so the list is handed over in order and the switch paces it; a hangup (ours or the far end's) ends
// the list there. Every instruction becomes switch applications through switch-commands.ts, the one place tenant
// content meets the switch; a play source that cannot be played is skipped and recorded on the call.
import { parsePlaySource } from "@/server/calls/play-source";
import type { TCallInstruction } from "./instructions";
import type { MediaResult } from "./media-cache";
import { fileApplication, HANGUP_APPLICATION, pauseApplication, sayApplication, toneApplication, type SwitchApplication } from "./switch-commands";

export interface ChannelCommands {
  sendmsg(uuid: string, app: string, arg?: string): Promise<unknown>;
}

/** Where played audio comes from (media-cache.ts). */
export interface MediaSource {
  readonly dir: string;
  fromUrl(tenantId: string, url: string): Promise<MediaResult>;
  fromRecording(tenantId: string, recordingId: string): Promise<MediaResult>;
}

export interface PlaybackRefusal {
  source: string;
  reason: string;
}

/** The applications one instruction becomes, or why it is refused (a play source only). */
export async function toApplications(
  instruction: TCallInstruction,
  ctx: { tenantId: string; media: MediaSource },
): Promise<{ apps: SwitchApplication[]; file?: string } | { refused: PlaybackRefusal }> {
  if ("say" in instruction) return { apps: [sayApplication(instruction.say, instruction.voice)] };
  if ("pause" in instruction) return { apps: [pauseApplication(instruction.pause)] };
  if ("hangup" in instruction) return { apps: [HANGUP_APPLICATION] };
  const parsed = parsePlaySource(instruction.play);
  if (!parsed.ok) return { refused: { source: instruction.play, reason: `play ${parsed.reason}` } };
  const { source } = parsed;
  if (source.kind === "tone") return { apps: [toneApplication(source.spec)] };
  const media = source.kind === "url" ? await ctx.media.fromUrl(ctx.tenantId, source.url) : await ctx.media.fromRecording(ctx.tenantId, source.recordingId);
  if (!media.ok) return { refused: { source: instruction.play, reason: media.reason } };
  return { apps: [fileApplication(media.file, ctx.media.dir)], file: media.file };
}

/** sendmsg to a channel that no longer exists: `-ERR invalid session id [...]` / `-ERR No such channel`. */
function isChannelGone(err: unknown): boolean {
  return err instanceof Error && /invalid session id|no such channel/i.test(err.message);
}

export interface RunInstructionsInput {
  uuid: string;
  tenantId: string;
  instructions: TCallInstruction[];
  esl: ChannelCommands;
  media: MediaSource;
  /** False once the channel is gone or a hangup was requested: stop handing over applications. */
  isLive: () => boolean;
  /** A play source that was refused or could not be fetched: recorded on the call (playback.failed). */
  onRefused: (refusal: PlaybackRefusal) => Promise<void>;
  /** A file handed to the switch for a play source, so a failure the switch reports later names the source. */
  onPlayback?: (file: string, source: string) => void;
}

/**
 * Hands the list to the switch. A list that does not end in a hangup gets one (TwiML semantics: the call ends
 * when the document does); an empty list leaves the call parked (an API call with no handler stays up until
 * it is hung up).
 */
export async function runInstructions(input: RunInstructionsInput): Promise<{ sent: number; refused: number }> {
  const list = [...input.instructions];
  if (list.length > 0 && !("hangup" in list[list.length - 1]!)) list.push({ hangup: true });
  let sent = 0;
  let refused = 0;
  for (const instruction of list) {
    if (!input.isLive()) break;
    const step = await toApplications(instruction, { tenantId: input.tenantId, media: input.media });
    if ("refused" in step) {
      refused++;
      await input.onRefused(step.refused);
      continue;
    }
    if (step.file && "play" in instruction) input.onPlayback?.(step.file, instruction.play);
    for (const { app, arg } of step.apps) {
      if (!input.isLive()) return { sent, refused };
      try {
        await input.esl.sendmsg(input.uuid, app, arg);
      } catch (err) {
        // The caller hung up while the list was handed over: nothing left to do.
        if (isChannelGone(err)) return { sent, refused };
        throw err;
      }
      sent++;
    }
  }
  return { sent, refused };
}

export const APOLOGY: TCallInstruction[] = [{ say: "We are sorry, an application error has occurred. Goodbye." }, { hangup: true }];
/** What an empty answer runs: the call ends. */
export const HANG_UP: TCallInstruction[] = [{ hangup: true }];
export { fliteVoice } from "./switch-commands";
