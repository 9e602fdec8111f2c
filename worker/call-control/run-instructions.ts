// Runs say/play/pause/hangup on a live channel with sendmsg execute. FreeSWITCH queues executed applications
// on the channel and runs them in order (event-lock), so the list is handed over in order and the switch
// paces it; a hangup (ours or the far end's) ends the list there.
import { assertUrlTargetAllowed, UnsafeWebhookTargetError } from "@/server/webhooks/ssrf-guard";
import type { TCallInstruction } from "./instructions";

export interface ChannelCommands {
  sendmsg(uuid: string, app: string, arg?: string): Promise<unknown>;
}

/** Twilio voice names to flite's voices (kal: male, slt: female); anything else is kal. */
const FLITE_VOICES: Record<string, string> = { man: "kal", woman: "slt", alice: "slt", kal: "kal", slt: "slt", rms: "rms", awb: "awb" };

export function fliteVoice(voice: string | undefined): string {
  if (!voice) return "kal";
  if (voice.startsWith("Polly.") || voice.startsWith("Google.")) return "slt";
  return FLITE_VOICES[voice.toLowerCase()] ?? "kal";
}

/** A header value on the event socket must be one line. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, " ").trim();
}

export interface SwitchApplication {
  app: string;
  arg: string;
}

/** The applications one instruction becomes. A play URL is checked against the SSRF guard: the switch fetches it from inside our network. */
export async function toApplications(instruction: TCallInstruction): Promise<SwitchApplication[]> {
  if ("say" in instruction) {
    return [{ app: "speak", arg: `flite|${fliteVoice(instruction.voice)}|${oneLine(instruction.say)}` }];
  }
  if ("play" in instruction) {
    const target = oneLine(instruction.play);
    if (/^https?:\/\//i.test(target)) await assertUrlTargetAllowed(new URL(target));
    else if (target.includes("..")) throw new UnsafeWebhookTargetError(`refused: play path "${target}" climbs out of the sounds folder`);
    return [{ app: "playback", arg: target }];
  }
  if ("pause" in instruction) return [{ app: "sleep", arg: String(Math.round(instruction.pause * 1000)) }];
  return [{ app: "hangup", arg: "NORMAL_CLEARING" }];
}

/** sendmsg to a channel that no longer exists: `-ERR invalid session id [...]` / `-ERR No such channel`. */
function isChannelGone(err: unknown): boolean {
  return err instanceof Error && /invalid session id|no such channel/i.test(err.message);
}

export interface RunInstructionsInput {
  uuid: string;
  instructions: TCallInstruction[];
  esl: ChannelCommands;
  /** False once the channel is gone or a hangup was requested: stop handing over applications. */
  isLive: () => boolean;
}

/**
 * Hands the list to the switch. A list that does not end in a hangup gets one (TwiML semantics: the call ends
 * when the document does); an empty list leaves the call parked (an API call with no handler stays up until
 * it is hung up).
 */
export async function runInstructions(input: RunInstructionsInput): Promise<{ sent: number }> {
  const list = [...input.instructions];
  if (list.length > 0 && !("hangup" in list[list.length - 1]!)) list.push({ hangup: true });
  let sent = 0;
  for (const instruction of list) {
    let apps: SwitchApplication[];
    try {
      apps = await toApplications(instruction);
    } catch (err) {
      // A refused play URL is skipped, not fatal: the rest of the list still runs.
      if (err instanceof UnsafeWebhookTargetError) continue;
      throw err;
    }
    for (const { app, arg } of apps) {
      if (!input.isLive()) return { sent };
      try {
        await input.esl.sendmsg(input.uuid, app, arg);
      } catch (err) {
        // The caller hung up while the list was handed over: nothing left to do.
        if (isChannelGone(err)) return { sent };
        throw err;
      }
      sent++;
    }
  }
  return { sent };
}

export const APOLOGY: TCallInstruction[] = [{ say: "We are sorry, an application error has occurred. Goodbye." }, { hangup: true }];
