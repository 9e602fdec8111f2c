// bridge <dialstring>: originates the B leg and bridges it (bridgeLegs, also uuid_bridge); returns when either
// side hangs up. CHANNEL_BRIDGE on the A leg; when one leg hangs up the other gets CHANNEL_UNBRIDGE and is hung up.
import type { Channel } from "../channel.ts";
import type { OriginateResult, SimSwitch } from "../switch.ts";
import type { SimApp } from "./context.ts";

export const bridge: SimApp = async ({ sw, ch, arg, aborted }) => {
  const b = await new Promise<OriginateResult>((resolve) => sw.originate(`${arg} &park()`, resolve));
  if (!b.ok || !b.uuid) {
    const cause = b.reply.replace(/^-ERR |\n$/g, "");
    ch.setVar("originate_disposition", cause);
    return cause;
  }
  bridgeLegs(sw, ch, sw.channels.get(b.uuid)!);
  await aborted;
  return undefined;
};

export function bridgeLegs(sw: SimSwitch, a: Channel, b: Channel): void {
  a.otherLeg = { type: "originatee", channel: b };
  b.otherLeg = { type: "originator", channel: a };
  const now = sw.nowUs();
  a.times.bridged = now;
  b.times.bridged = now;
  a.setVar("bridge_to", b.uuid);
  b.setVar("bridge_to", a.uuid);
  sw.emit(a, "CHANNEL_BRIDGE", "CHANNEL_BRIDGE", ["Bridge-A-Unique-ID", a.uuid, "Bridge-B-Unique-ID", b.uuid]);
  const end = (other: Channel) => () => {
    if (a.otherLeg === undefined) return;
    sw.emit(a, "CHANNEL_UNBRIDGE", "CHANNEL_UNBRIDGE", ["Bridge-A-Unique-ID", a.uuid, "Bridge-B-Unique-ID", b.uuid]);
    a.otherLeg = undefined;
    b.otherLeg = undefined;
    sw.hangup(other, { cause: "NORMAL_CLEARING", disposition: "send_bye" });
  };
  sw.simOf(a)?.onDestroyed.push(end(b));
  sw.simOf(b)?.onDestroyed.push(end(a));
}
