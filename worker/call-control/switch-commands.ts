// The one place tenant content becomes FreeSWITCH application arguments. FreeSWITCH expands every application's
// argument before running it (switch_channel_expand_variables in switch_core_session_exec): ${name} reads a
// channel variable, ${api(args)} runs an API command such as system, $${name} a global. So:
//   - spoken text is escaped exactly as that expander parses it: `\` → `\\` and `$` → `\$` (a backslash before
//     `$` makes it literal, `\\` becomes one backslash, and nothing else is touched), after line breaks and
//     control characters become spaces (an event-socket header is one line). Proven on the real switch by
//     freeswitch/real-switch/injection.test.ts, which compares what the switch executed with what was sent.
//   - playback only ever gets a file this worker wrote (media-cache.ts) or a tone the play-source grammar allows;
//     never a tenant's string.
// Nothing here does I/O: prompt-apps.ts and call-session.ts resolve sources, then hand these applications to the switch.
import path from "node:path";

export interface SwitchApplication {
  app: string;
  arg: string;
}

/** Twilio voice names to flite's voices (kal: male, slt: female); anything else is kal. */
const FLITE_VOICES: Record<string, string> = { man: "kal", woman: "slt", alice: "slt", kal: "kal", slt: "slt", rms: "rms", awb: "awb" };

export function fliteVoice(voice: string | undefined): string {
  if (!voice) return "kal";
  if (voice.startsWith("Polly.") || voice.startsWith("Google.")) return "slt";
  return FLITE_VOICES[voice.toLowerCase()] ?? "kal";
}

/** One line, no control characters: an event-socket header value ends at the first line break. */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is replaced here
  return text.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
}

/** Text FreeSWITCH's variable expander passes through unchanged (see the top of this file). */
export function escapeForExpansion(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\$/g, "\\$");
}

export function sayApplication(text: string, voice: string | undefined): SwitchApplication {
  return { app: "speak", arg: `flite|${fliteVoice(voice)}|${escapeForExpansion(oneLine(text))}` };
}

/** A tone already checked by parsePlaySource (its grammar has no `$`, `{` or `\`). */
export function toneApplication(spec: string): SwitchApplication {
  if (!/^tone_stream:\/\/[%(),.;=\dLv-]+$/.test(spec)) throw new Error(`not a checked tone spec: ${spec}`);
  return { app: "playback", arg: spec };
}

/** A file this worker wrote under its media folder: an absolute path of safe characters only. */
export function fileApplication(file: string, mediaDir: string): SwitchApplication {
  const root = path.resolve(mediaDir) + path.sep;
  if (!path.isAbsolute(file) || !path.resolve(file).startsWith(root) || !/^[A-Za-z0-9/._ +@:-]+$/.test(file)) {
    throw new Error(`refusing to play ${file}: not a file of the media folder`);
  }
  return { app: "playback", arg: file };
}

export function pauseApplication(seconds: number): SwitchApplication {
  return { app: "sleep", arg: String(Math.round(seconds * 1000)) };
}

export const HANGUP_APPLICATION: SwitchApplication = { app: "hangup", arg: "NORMAL_CLEARING" };

/** DTMF to send (Twilio's <Play digits> / SendDigits: 0–9, A–D, *, #, w for half a second's pause, W for a second's). */
export function sendDtmfApplication(digits: string): SwitchApplication {
  if (!/^[0-9*#A-DwW]{1,64}$/.test(digits)) throw new Error(`not DTMF digits: ${digits}`);
  return { app: "send_dtmf", arg: digits };
}

/** The keys that end a playback or a recording (`playback_terminators`): checked keys, "any" or "none". */
export function terminatorsApplication(keys: string | "any" | "none"): SwitchApplication {
  if (keys !== "any" && keys !== "none" && !/^[0-9*#]{1,12}$/.test(keys)) throw new Error(`not terminator keys: ${keys}`);
  return { app: "set", arg: `playback_terminators=${keys}` };
}

/** What a caller's silence is, in the switch's energy units (mod_dptools record: silence_thresh). */
export const RECORD_SILENCE_THRESHOLD = 200;

/** `record <path> <limit> [<silence_thresh> <silence_hits>]`: a file under the recordings folder, whole seconds. */
export function recordApplication(file: string, recordingsDir: string, maxSeconds: number, silenceSeconds: number): SwitchApplication {
  const root = path.resolve(recordingsDir) + path.sep;
  if (!path.isAbsolute(file) || !path.resolve(file).startsWith(root) || !/^[A-Za-z0-9/._-]+$/.test(file)) throw new Error(`refusing to record to ${file}`);
  const limit = Math.max(1, Math.round(maxSeconds));
  const silence = Math.max(0, Math.round(silenceSeconds));
  return { app: "record", arg: silence > 0 ? `${file} ${limit} ${RECORD_SILENCE_THRESHOLD} ${silence}` : `${file} ${limit}` };
}

/** A short beep before a recording (Twilio's playBeep). */
export const BEEP_APPLICATION: SwitchApplication = { app: "playback", arg: "tone_stream://%(500,0,800)" };

/** Hang up with a cause from this fixed list (reject: busy → USER_BUSY, rejected → CALL_REJECTED). */
export function hangupApplication(cause: "NORMAL_CLEARING" | "USER_BUSY" | "CALL_REJECTED"): SwitchApplication {
  return { app: "hangup", arg: cause };
}
