// mod_avmd: avmd_start / avmd_stop (the applications) and `avmd <uuid> start|stop` (the api), with CUSTOM avmd::start
// and avmd::stop (fixture 15). The beep (avmd::beep) is reported when the far end's audio beeps (far-end-audio.ts)
// while avmd runs on the channel, as mod_avmd does.
import type { Channel } from "../channel.ts";
import type { SimSwitch } from "../switch.ts";
import { farEndAudio } from "../far-end-audio.ts";
import type { SimApp } from "./context.ts";

export function startAvmd(sw: SimSwitch, ch: Channel): void {
  const sim = sw.simOf(ch);
  if (!sim) return;
  sim.avmd = true;
  sw.fire(sw.chanEvent(ch, "CUSTOM", "AVMD", undefined,
    ["Call-command", "avmd", "Start-time", String(sw.nowUs())], "avmd::start", false));
  // It hears the beep in what the far end says, on the far end's audio clock (recording.ts starts it the same way).
  const beepAt = ch.times.answered ? farEndAudio(sim.farEnd).beepAtSeconds : null;
  if (beepAt === null) return;
  sim.farEndHeardFromUs ??= sw.nowUs();
  const inSeconds = (sim.farEndHeardFromUs - sw.nowUs()) / 1e6 + beepAt;
  if (inSeconds > 0) sw.after(inSeconds, () => sim.avmd && !ch.hungUp && fireAvmdBeep(sw, ch, beepAt), ch);
}

export function stopAvmd(sw: SimSwitch, ch: Channel): void {
  const sim = sw.simOf(ch);
  if (!sim) return;
  sim.avmd = false;
  sw.fire(sw.chanEvent(ch, "CUSTOM", "AVMD", undefined,
    ["Call-command", "avmd", "Beep-Status", "NOTDETECTED", "Total-time", "0"], "avmd::stop", false));
}

/** avmd::beep as mod_avmd 1.10.12 writes it (a 1 kHz beep's figures), `atSeconds` after the answer. */
export function fireAvmdBeep(sw: SimSwitch, ch: Channel, atSeconds: number): void {
  sw.fire(sw.chanEvent(ch, "CUSTOM", "AVMD", undefined, [
    "Call-command", "avmd", "Beep-Status", "DETECTED", "Frequency", "995.054793", "Frequency-variance", "0.000047",
    "Amplitude", "14346.310289", "Amplitude-variance", "5649.829783", "Detection-time", String(Math.round(atSeconds * 1e6)),
    "Detector-resolution", "2", "Detector-offset", "1", "Detector-index", "2",
  ], "avmd::beep", false));
}

export const avmdStart: SimApp = ({ sw, ch }) => {
  startAvmd(sw, ch);
  return undefined;
};

export const avmdStop: SimApp = ({ sw, ch }) => {
  stopAvmd(sw, ch);
  return undefined;
};
