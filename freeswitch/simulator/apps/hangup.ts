// hangup [cause]: this side sends BYE.
import type { SimApp } from "./context.ts";

export const hangup: SimApp = ({ sw, ch, arg }) => {
  sw.hangup(ch, { cause: arg || "NORMAL_CLEARING", disposition: "send_bye" });
  return undefined;
};
