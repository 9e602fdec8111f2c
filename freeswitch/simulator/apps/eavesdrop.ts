// eavesdrop <uuid> and three_way <uuid>: this channel hears the target's call (a media bug on the target:
// MEDIA_BUG_START / MEDIA_BUG_STOP with Media-Bug-Function eavesdrop, fixture 11) until this channel or the target
// ends. The mix follows mod_dptools' eavesdrop_function: eavesdrop_whisper_aleg mixes this channel into what the
// target sends to its bridge (ED_MUX_READ), eavesdrop_whisper_bleg into what the target hears (ED_MUX_WRITE);
// three_way sets both. With DTMF enabled (the default, or eavesdrop_enable_dtmf=true) the digits the channel receives
// change the mix as switch_ivr_async.c does: 1 read only, 2 write only, 3 both, 0 neither. The simulator keeps the
// current mix in sim.eavesdrop for tests (GET /eavesdrops of the control API).
import { isTrue, type SimApp } from "./context.ts";

export interface EavesdropMix {
  target: string;
  /** ED_MUX_READ: the target's bridge hears this channel. */
  read: boolean;
  /** ED_MUX_WRITE: the target hears this channel. */
  write: boolean;
}

export const eavesdrop: SimApp = async ({ sw, ch, sim, arg, app, aborted }) => {
  const target = sw.channels.get(arg.trim());
  if (!target || target.hungUp) return undefined;
  const threeWay = app === "three_way";
  const mix: EavesdropMix = threeWay
    ? { target: target.uuid, read: true, write: true }
    : { target: target.uuid, read: isTrue(ch.getVar("eavesdrop_whisper_aleg")), write: isTrue(ch.getVar("eavesdrop_whisper_bleg")) };
  const dtmf = threeWay ? false : ch.getVar("eavesdrop_enable_dtmf") === undefined || isTrue(ch.getVar("eavesdrop_enable_dtmf"));
  sim.eavesdrop = mix;
  sim.dtmfBuffer = "";
  sw.emit(target, "MEDIA_BUG_START", "MEDIA_BUG_START", undefined, ["Media-Bug-Function", "eavesdrop", "Media-Bug-Target", ch.uuid]);
  const targetGone = new Promise<void>((resolve) => sw.simOf(target)?.onDestroyed.push(resolve) ?? resolve());
  let done = false;
  void Promise.race([aborted, targetGone]).then(() => {
    done = true;
    sim.dtmfWaiter?.();
  });
  while (!done) {
    await new Promise<void>((resolve) => (sim.dtmfWaiter = resolve));
    sim.dtmfWaiter = undefined;
    for (const digit of sim.dtmfBuffer) {
      if (!dtmf) continue;
      if (digit === "1") Object.assign(mix, { read: true, write: false });
      if (digit === "2") Object.assign(mix, { read: false, write: true });
      if (digit === "3") Object.assign(mix, { read: true, write: true });
      if (digit === "0") Object.assign(mix, { read: false, write: false });
    }
    sim.dtmfBuffer = "";
  }
  if (!target.hungUp) sw.emit(target, "MEDIA_BUG_STOP", "MEDIA_BUG_STOP", undefined, ["Media-Bug-Function", "eavesdrop", "Media-Bug-Target", ch.uuid]);
  return undefined;
};
