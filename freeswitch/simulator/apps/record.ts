// record <path> [limit s] [silence threshold] [silence seconds] (mod_dptools record, switch_ivr_record_file; fixture 20):
// RECORD_START, then the recording runs until a playback_terminators digit (playback_terminator_used, dtmf-breaks.ts),
// its limit (checked in whole epoch seconds as the switch does: it ends in the second after start + limit), silence
// (a threshold given: that many seconds, 3 when 0, of a far end that is not talking: POST /calls/{uuid}/talk makes it
// talk; silence_hits_exhausted=true), uuid_break or hangup. Then the WAV is written (8 kHz mono; the silent tail is
// silent) and record_file_size, record_seconds, record_ms, record_samples set before RECORD_STOP (Record-File-Path
// only, no completion cause, no media bug events). A file that cannot be written hangs the call up
// (DESTINATION_OUT_OF_ORDER) with no RECORD_START. The response is `_none_`.
import type { SimApp } from "./context.ts";
import { writeRecording } from "../wav.ts";

export const record: SimApp = async ({ sw, ch, sim, arg, wait }) => {
  const [file = `${sw.recordingsDir}/${ch.uuid}.wav`, limitArg, threshArg, hitsArg] = arg.split(" ");
  const limit = Number((limitArg ?? "").replace(/^\+/, "")) || 0;
  const thresh = Number(threshArg) || 0;
  const silenceSeconds = thresh ? Number(hitsArg) || 3 : 0;
  ch.setVar("playback_terminator_used", undefined);
  try {
    writeRecording(file, 0, 1);
  } catch {
    sw.hangup(ch, { cause: "DESTINATION_OUT_OF_ORDER", disposition: "send_bye" });
    return undefined;
  }
  ch.setVar("silence_hits_exhausted", "false");
  const startUs = sw.nowUs();
  sw.emit(ch, "RECORD_START", "RECORD_START", undefined, ["Record-File-Path", file]);
  // enable_file_write_buffering=false: the switch writes each frame as it comes, so the file grows while recording
  // (a chunk every 100 simulated ms here); otherwise it is written in 64 kB blocks, here all at the end.
  let growing: NodeJS.Timeout | undefined;
  if (ch.getVar("enable_file_write_buffering") === "false") {
    const grow = () => {
      if (ch.hungUp) return;
      writeRecording(file, Math.max(0, (sw.nowUs() - startUs) / 1e6), 1);
      growing = sw.after(0.1, grow, ch);
    };
    growing = sw.after(0.1, grow, ch);
  }
  const limitEndUs = limit ? (Math.floor(startUs / 1e6) + limit + 1) * 1e6 : Infinity;
  let silentTail = 0;
  for (;;) {
    const silenceEndUs = silenceSeconds ? Math.max(startUs, sim.talkingUntilUs) + silenceSeconds * 1e6 : Infinity;
    const endUs = Math.min(limitEndUs, silenceEndUs, startUs + 3600e6);
    const outcome = await wait(Math.max(0, endUs - sw.nowUs()) / 1e6);
    if (outcome === "aborted" || ch.hungUp) break;
    if (sw.nowUs() + 1000 < endUs) continue;
    // The far end may have started talking meanwhile: the silence then counts from the end of it.
    if (endUs === silenceEndUs && Math.max(startUs, sim.talkingUntilUs) + silenceSeconds * 1e6 > silenceEndUs) continue;
    if (endUs === silenceEndUs) {
      ch.setVar("silence_hits_exhausted", "true");
      silentTail = silenceSeconds;
    }
    break;
  }
  if (growing) clearTimeout(growing);
  sw.withFrozenClock((nowUs) => {
    const seconds = Math.max(0, (nowUs - startUs) / 1e6);
    const size = writeRecording(file, seconds, 1, silentTail);
    // As switch_ivr_record_file: seconds and ms are whole divisions of the samples written.
    const samples = Math.round(seconds * 8000);
    ch.setVar("record_record_file_size", String(size));
    ch.setVar("record_file_size", String(size));
    ch.setVar("record_seconds", String(Math.floor(samples / 8000)));
    ch.setVar("record_ms", String(Math.floor(samples / 8)));
    ch.setVar("record_samples", String(samples));
    sw.emit(ch, "RECORD_STOP", "RECORD_STOP", undefined, ["Record-File-Path", file]);
  });
  return undefined;
};
