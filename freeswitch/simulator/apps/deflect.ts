// deflect <uri>: mod_sofia sends a SIP REFER to the far end of the answered call (SWITCH_MESSAGE_INDICATE_DEFLECT).
// The far end's answer lands in sip_refer_status_code (sofia_handle_sip_r_refer); the final status its NOTIFY reports
// (a sipfrag) in sip_refer_target_status_code and sip_refer_reply (sofia.c, nua_i_notify, event refer). Without
// sip_refer_continue_after_reply the application waits for the NOTIFY and the channel hangs up BLIND_TRANSFER
// whatever came; with it the application returns at once, the variables arrive later, and the call stays up.
// The simulated far end answers by the URI's user: refuse → 603 and no NOTIFY; silent → 202 and no NOTIFY;
// busy → 202, NOTIFY 486; noanswer → 202, NOTIFY 487; anyone else → 202, NOTIFY 200.
import { isTrue, type SimApp } from "./context.ts";

const REFER_ANSWER_SECONDS = 0.1;
const NOTIFY_SECONDS = 1;

function farEnd(uri: string): { refer: number; notify: number | null } {
  const user = /^sips?:([^@;]+)@/i.exec(uri)?.[1]?.toLowerCase() ?? "";
  if (user.includes("refuse")) return { refer: 603, notify: null };
  if (user.includes("silent")) return { refer: 202, notify: null };
  if (user.includes("busy")) return { refer: 202, notify: 486 };
  if (user.includes("noanswer")) return { refer: 202, notify: 487 };
  return { refer: 202, notify: 200 };
}

export const deflect: SimApp = async ({ sw, ch, arg, wait }) => {
  const answer = farEnd(arg);
  const continueAfter = isTrue(ch.getVar("sip_refer_continue_after_reply"));
  const later = (seconds: number) => new Promise<void>((resolve) => sw.after(seconds, resolve, ch));
  const replies = (async () => {
    await later(REFER_ANSWER_SECONDS);
    if (ch.hungUp) return;
    ch.setVar("sip_refer_status_code", String(answer.refer));
    if (answer.notify === null) return;
    await later(NOTIFY_SECONDS);
    if (ch.hungUp) return;
    ch.setVar("sip_refer_target_status_code", String(answer.notify));
    ch.setVar("sip_refer_reply", `SIP/2.0 ${answer.notify}`);
    if (answer.notify === 200 && !continueAfter) sw.hangup(ch, { cause: "BLIND_TRANSFER", disposition: "send_bye" });
  })();
  if (continueAfter) return undefined;
  await Promise.race([replies, wait(10)]);
  if (!ch.hungUp) sw.hangup(ch, { cause: "BLIND_TRANSFER", disposition: "send_bye" });
  return undefined;
};
