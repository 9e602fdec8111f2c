// What `play` (JSON) and <Play> (TwiML) may name. FreeSWITCH's playback takes far more than audio files (any
// path on the switch host, file_string://, shout://, {var=value} prefixes, ${…} expansions), so a tenant's play
// source is never handed to it as written: it must be one of these, and the worker turns it into a file it made
// itself or a tone spec this grammar allows (worker/call-control/switch-commands.ts).
//   https://… / http://…   fetched by the worker through the SSRF guard (WAV or MP3), cached, played from disk
//   recording:RE…          one of the tenant's own completed recordings
//   tone_stream://…        a tone in FreeSWITCH's TGML, restricted to %(on,off,freq[,freq…]), L=n and v=n parts
//   builtin:<name>         a built-in prompt (BUILTIN_PROMPTS)
import { z } from "zod";

/** Built-in prompts: tones the switch generates, so they need no sound files (none ship with the switch). */
export const BUILTIN_PROMPTS: Record<string, string> = {
  beep: "tone_stream://%(250,0,1000)",
  "ringback-us": "tone_stream://L=3;%(2000,4000,440,480)",
  "busy-us": "tone_stream://L=4;%(500,500,480,620)",
  "sit-intercept": "tone_stream://%(274,0,913.8);%(274,0,1370.6);%(380,0,1776.7)",
};

export type PlaySource = { kind: "url"; url: string } | { kind: "recording"; recordingId: string } | { kind: "tone"; spec: string };

export type ParsedPlaySource = { ok: true; source: PlaySource } | { ok: false; reason: string };

const MAX_SOURCE_LENGTH = 2048;
const RECORDING_ID = /^RE[0-9a-f]{32}$/;
// One TGML part: a tone %(on_ms,off_ms,freq[,freq…]) (frequencies may have one decimal place), a loop count or a volume.
const TONE_PART = /^(%\(\d{1,5},\d{1,5},\d{1,5}(\.\d)?(,\d{1,5}(\.\d)?){0,3}\)|L=\d{1,2}|v=-?\d{1,2})$/;

export function parsePlaySource(raw: string): ParsedPlaySource {
  const value = raw.trim();
  if (!value) return { ok: false, reason: "is empty" };
  if (value.length > MAX_SOURCE_LENGTH) return { ok: false, reason: `is longer than ${MAX_SOURCE_LENGTH} characters` };
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (/[\u0000-\u001f\u007f]/.test(value)) return { ok: false, reason: "contains control characters" };
  if (/^https?:\/\//i.test(value)) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return { ok: false, reason: "is not a valid URL" };
    }
    if (url.username || url.password) return { ok: false, reason: "must not carry credentials in the URL" };
    return { ok: true, source: { kind: "url", url: url.toString() } };
  }
  if (value.startsWith("recording:")) {
    const id = value.slice("recording:".length);
    return RECORDING_ID.test(id) ? { ok: true, source: { kind: "recording", recordingId: id } } : { ok: false, reason: "names no recording id (recording:RE…)" };
  }
  if (value.startsWith("tone_stream://")) {
    const parts = value.slice("tone_stream://".length).split(";");
    if (parts.length > 20 || !parts.every((p) => TONE_PART.test(p)) || !parts.some((p) => p.startsWith("%("))) {
      return { ok: false, reason: "is not a tone this API plays (tone_stream:// with %(on,off,freq[,freq…]), L=n and v=n parts)" };
    }
    return { ok: true, source: { kind: "tone", spec: value } };
  }
  if (value.startsWith("builtin:")) {
    const spec = BUILTIN_PROMPTS[value.slice("builtin:".length)];
    return spec ? { ok: true, source: { kind: "tone", spec } } : { ok: false, reason: `names no built-in prompt (${Object.keys(BUILTIN_PROMPTS).map((n) => `builtin:${n}`).join(", ")})` };
  }
  return { ok: false, reason: "must be an http(s) URL, recording:<id>, a tone_stream:// tone or builtin:<name>" };
}

/** `play` in the API's instructions: a 400 names the field and says what is accepted. */
export const ZPlaySource = z
  .string()
  .trim()
  .min(1)
  .max(MAX_SOURCE_LENGTH)
  .superRefine((value, ctx) => {
    const parsed = parsePlaySource(value);
    if (!parsed.ok) ctx.addIssue({ code: "custom", message: `play ${parsed.reason}` });
  });
