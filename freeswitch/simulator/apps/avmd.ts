// avmd_start / avmd_stop: CUSTOM avmd::start and avmd::stop (fixture 15). The beep (avmd::beep) is sent by the
// answering-machine far end (magic-numbers.ts) only while avmd runs on the channel.
import type { SimApp } from "./context.ts";

export const avmdStart: SimApp = ({ sw, ch, sim }) => {
  sim.avmd = true;
  sw.fire(sw.chanEvent(ch, "CUSTOM", "AVMD", undefined,
    ["Call-command", "avmd", "Start-time", String(sw.nowUs())], "avmd::start", false));
  return undefined;
};

export const avmdStop: SimApp = ({ sw, ch, sim }) => {
  sim.avmd = false;
  sw.fire(sw.chanEvent(ch, "CUSTOM", "AVMD", undefined,
    ["Call-command", "avmd", "Beep-Status", "NOTDETECTED", "Total-time", "0"], "avmd::stop", false));
  return undefined;
};
