// The recording media bug, shared by `uuid_record <uuid> start|stop` and the `record` app: RECORD_START and
// MEDIA_BUG_START when it starts; when it stops the WAV is written first (length = the simulated time recorded),
// then RECORD_STOP and MEDIA_BUG_STOP, so a consumer may read the file as soon as it sees RECORD_STOP.
import type { Channel } from "./channel.ts";
import type { SimSwitch } from "./switch.ts";
import { writeRecording } from "./wav.ts";
import { farEndAudio, LiveFarEndRecording } from "./far-end-audio.ts";

const FAR_END_TICK_SECONDS = 0.1;

/**
 * A read-only recording (RECORD_READ_ONLY=true): only what the far end says, written every 100 simulated ms as the
 * switch writes each frame when asked not to buffer (enable_file_write_buffering=false), so a reader can tail it.
 */
export function startFarEndRecording(sw: SimSwitch, ch: Channel, file: string): boolean {
  const sim = sw.simOf(ch);
  if (!sim || sim.farEndRecording || !ch.times.answered) return false;
  // The far end's audio is heard from the first time it is recorded, not from the answer: the switch starts such a
  // recording within milliseconds of the answer, but on the scaled clock the worker's real milliseconds would be
  // simulated seconds, and the start of a greeting would be lost to them.
  sim.farEndHeardFromUs ??= sw.nowUs();
  const heardFrom = sim.farEndHeardFromUs;
  const sinceAnswer = () => (sw.nowUs() - heardFrom) / 1e6;
  const rec = new LiveFarEndRecording(file, farEndAudio(sim.farEnd), sinceAnswer());
  sim.farEndRecording = rec;
  sw.emit(ch, "RECORD_START", "RECORD_START", undefined, ["Record-File-Path", file]);
  sw.emit(ch, "MEDIA_BUG_START", "MEDIA_BUG_START", ["Media-Bug-Function", "session_record", "Media-Bug-Target", file]);
  const tick = () => {
    if (sim.farEndRecording !== rec) return;
    rec.advanceTo(sinceAnswer());
    sw.after(FAR_END_TICK_SECONDS, tick, ch);
  };
  tick();
  return true;
}

function stopFarEndRecording(sw: SimSwitch, ch: Channel, file: string | undefined): boolean {
  const sim = sw.simOf(ch);
  const rec = sim?.farEndRecording;
  if (!sim || !rec || (file && file !== rec.file && file !== "all")) return false;
  sim.farEndRecording = undefined;
  rec.advanceTo((sw.nowUs() - (sim.farEndHeardFromUs ?? ch.times.answered)) / 1e6);
  rec.close();
  sw.emit(ch, "RECORD_STOP", "RECORD_STOP", undefined, ["Record-File-Path", rec.file, "Record-Completion-Cause", "success-maxtime"]);
  sw.emit(ch, "MEDIA_BUG_STOP", "MEDIA_BUG_STOP", ["Media-Bug-Function", "session_record", "Media-Bug-Target", rec.file]);
  return true;
}

/** `stereo`: the recording's own RECORD_STEREO (uuid_record's <recording_vars>), else the channel's. */
export function startRecording(sw: SimSwitch, ch: Channel, file: string, stereo?: boolean): boolean {
  const sim = sw.simOf(ch);
  if (!sim || sim.recording) return false;
  sim.recording = { path: file, startUs: sw.nowUs(), stereo: stereo ?? ch.getVar("RECORD_STEREO") === "true" };
  sw.emit(ch, "RECORD_START", "RECORD_START", undefined, ["Record-File-Path", file]);
  sw.emit(ch, "MEDIA_BUG_START", "MEDIA_BUG_START", ["Media-Bug-Function", "session_record", "Media-Bug-Target", file]);
  return true;
}

/** Stops the recording (`file` must match unless it is undefined or "all"); false when there was none. */
export function stopRecording(sw: SimSwitch, ch: Channel, file: string | undefined, cause = "success-maxtime"): boolean {
  if (stopFarEndRecording(sw, ch, file) && file !== "all") return true;
  const sim = sw.simOf(ch);
  const rec = sim?.recording;
  if (!sim || !rec || (file && file !== rec.path && file !== "all")) return false;
  sim.recording = undefined;
  return sw.withFrozenClock((nowUs) => {
    const seconds = Math.max(0, (nowUs - rec.startUs) / 1e6);
    let size = 44;
    try {
      size = writeRecording(rec.path, seconds, rec.stereo ? 2 : 1);
    } catch {
      cause = "uri-failure";
    }
    const samples = Math.round(seconds * 8000);
    ch.vars.delete("current_loop");
    ch.vars.delete("total_loops");
    ch.setVar("record_file_size", String(size));
    ch.setVar("record_samples", String(samples));
    ch.setVar("record_seconds", String(Math.floor(seconds)));
    ch.setVar("record_ms", String(Math.round(seconds * 1000)));
    ch.setVar("record_completion_cause", cause);
    sw.emit(ch, "RECORD_STOP", "RECORD_STOP", undefined,
      ["Record-File-Path", rec.path, "Record-Completion-Cause", cause]);
    sw.emit(ch, "MEDIA_BUG_STOP", "MEDIA_BUG_STOP",
      ["Media-Bug-Function", "session_record", "Media-Bug-Target", rec.path]);
    return true;
  });
}
