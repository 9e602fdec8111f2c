// ring_ready: an inbound channel not yet answered tells the caller it rings (a 180 on the real switch,
// switch_channel_ring_ready): CHANNEL_PROGRESS once; nothing on a channel already ringing, early or answered.
import type { SimApp } from "./context.ts";

export const ringReady: SimApp = ({ sw, ch }) => {
  if (ch.direction !== "inbound" || ch.answerState !== "ringing" || ch.times.progress) return undefined;
  ch.times.progress = sw.nowUs();
  sw.emit(ch, "CHANNEL_PROGRESS", "CHANNEL_PROGRESS");
  return undefined;
};
