// send_dtmf <digits>: the channel sends DTMF to its far end (0-9 A-D * #, `w` 0.5 s and `W` 1 s pauses), which
// the control API's GET /dtmf reports; completes once the last digit is out (fixture 19).
import type { SimApp } from "./context.ts";

export const sendDtmf: SimApp = async ({ sw, ch, arg }) => {
  await sw.sendDtmf(ch, arg);
  return undefined;
};
