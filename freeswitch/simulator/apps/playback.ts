// playback <file>: PLAYBACK_START/STOP around the file's simulated length; a playback_terminators digit ends it
// (dtmf-breaks.ts). tone_stream/silence_stream/file_string lengths are honoured, local_stream:// plays until broken, a WAV's own length, else 2 s.
// tts://, http(s):// (no http file module is loaded) and a missing absolute path answer FILE NOT FOUND with no
// PLAYBACK events; say: plays without them.
import { stat } from "node:fs/promises";
import type { Channel } from "../channel.ts";
import type { SimSwitch } from "../switch.ts";
import type { SimApp, WaitOutcome } from "./context.ts";

export const playback: SimApp = ({ sw, ch, arg, wait }) => playFile(sw, ch, arg, wait);

/** Plays one file with PLAYBACK_START/STOP; returns the Application-Response. */
export async function playFile(sw: SimSwitch, ch: Channel, file: string,
  wait: (s: number) => Promise<WaitOutcome>): Promise<string> {
  if (file.startsWith("tts://")) return "FILE NOT FOUND";
  if (/^https?:\/\//i.test(file)) return "FILE NOT FOUND";
  if (file.startsWith("/") && !(await stat(file).then(() => true, () => false))) return "FILE NOT FOUND";
  if (file.startsWith("say:")) {
    await wait(Math.max(0.5, (file.length - 4) * 0.07));
    return "FILE PLAYED";
  }
  const seconds = await fileSeconds(file);
  const type = /^([a-z_]+):\/\//.exec(file)?.[1];
  const typeHeader = type && type !== "http" && type !== "https" ? ["Playback-File-Type", type] : [];
  const current = ch.getVar("current_application");
  if (current) ch.setVar("current_application", current);
  sw.emit(ch, "PLAYBACK_START", "PLAYBACK_START", undefined, [...typeHeader, "Playback-File-Path", file]);
  const started = sw.nowUs();
  const outcome = await wait(seconds);
  // A sleep that ran its course played the whole file: the timer may fire a fraction of a millisecond before the
  // clock shows the time passed (libuv's loop time is whole milliseconds), which at a small timeScale would read
  // as a cut-short playback.
  const played = outcome === "slept" && !ch.hungUp ? seconds : Math.min(seconds, (sw.nowUs() - started) / 1e6);
  const samples = Math.round(played * 8000);
  ch.setVar("playback_last_offset_pos", String(samples));
  ch.setVar("playback_seconds", String(Math.floor(played)));
  ch.setVar("playback_ms", String(Math.round(played * 1000)));
  ch.setVar("playback_samples", String(samples));
  const status = ch.hungUp || played + 0.01 < seconds ? "break" : "done";
  sw.emit(ch, "PLAYBACK_STOP", "PLAYBACK_STOP", undefined,
    [...typeHeader, "Playback-File-Path", file, "Playback-Status", status]);
  return "FILE PLAYED";
}

/** Simulated length of a sound: tone_stream/silence_stream durations, a WAV's real length, else 2 s. */
export async function fileSeconds(file: string): Promise<number> {
  const tone = /^tone_stream:\/\/%\((\d+),(\d+),[^)]*\)(?:;loops=(-?\d+))?/.exec(file);
  if (tone) {
    const loops = tone[3] === undefined ? 1 : Number(tone[3]);
    return loops < 0 ? 3600 : ((Number(tone[1]) + Number(tone[2])) * Math.max(1, loops)) / 1000;
  }
  // A local stream (music on hold) never ends by itself: the real switch plays it until the playback is broken.
  if (file.startsWith("local_stream://")) return 24 * 3600;
  const silence = /^silence_stream:\/\/(\d+)/.exec(file);
  if (silence) return Number(silence[1]) / 1000;
  if (file.startsWith("file_string://")) {
    let total = 0;
    for (const part of file.slice("file_string://".length).split("!")) total += await fileSeconds(part);
    return total;
  }
  if (file.endsWith(".wav") && file.startsWith("/")) {
    try {
      const st = await stat(file);
      return Math.max(0.1, (st.size - 44) / 16000);
    } catch {
      return 2;
    }
  }
  return 2;
}
