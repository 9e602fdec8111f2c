// <Refer>'s part of a call's session: `deflect <uri>` sends the SIP REFER (mod_sofia, SWITCH_MESSAGE_INDICATE_DEFLECT)
// with sip_refer_continue_after_reply set, so the switch neither waits in the application nor hangs the call up
// itself (without it, it does both whatever the far end said). The far end's answer to the REFER comes in
// sip_refer_status_code and the NOTIFY's final status in sip_refer_target_status_code: read until the answer is a
// refusal, the NOTIFY is final, the caller hangs up or REFER_WAIT_MS pass; then the interpreter decides.
import { randomUUID } from "node:crypto";
import type { Command } from "@/server/voice-documents/interpreter/commands";
import { checkedSipUri, DialTargetError } from "./dial-strings";
import type { Running, SessionOps } from "./session-ops";

/** How long the far end has to report the transfer's end (SignalWire's "time out while waiting for NOTIFY"). */
export const REFER_WAIT_MS = 30_000;
const POLL_MS = 200;

export class ReferRunner {
  constructor(private readonly s: SessionOps) {}

  async refer(command: Extract<Command, { kind: "refer" }>, step: number): Promise<void> {
    if (!this.s.live()) return;
    let uri: string;
    try {
      uri = checkedSipUri(command.uri);
    } catch (e) {
      if (!(e instanceof DialTargetError)) throw e;
      // Twilio 13243: <Refer><Sip> invalid SIP URI.
      return this.s.deliverLater({ kind: "failed", step, code: 13243, message: e.message });
    }
    this.s.running = { kind: "refer", step, eventUuid: randomUUID() };
    void this.s.save();
    await this.s.send({ app: "set", arg: "sip_refer_continue_after_reply=true" });
    // An earlier REFER's answers must not be read as this one's.
    await this.s.send({ app: "unset", arg: "sip_refer_status_code" });
    await this.s.send({ app: "unset", arg: "sip_refer_target_status_code" });
    await this.s.send({ app: "deflect", arg: uri }, this.s.running.eventUuid);
  }

  /** deflect returned: the REFER is out. Its outcome is read off the channel, outside the session's queue. */
  deflected(running: Extract<Running, { kind: "refer" }>): void {
    void this.s.host.track(this.watch(running.step));
  }

  private async watch(step: number): Promise<void> {
    const deadline = Date.now() + REFER_WAIT_MS;
    let referStatus: number | null = null;
    let notifyStatus: number | null = null;
    while (this.s.live() && Date.now() < deadline) {
      referStatus = await this.variable("sip_refer_status_code");
      if (referStatus !== null && referStatus >= 300) break;
      if (referStatus !== null) {
        notifyStatus = await this.variable("sip_refer_target_status_code");
        if (notifyStatus !== null) break;
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
    const callerHungUp = !this.s.live();
    void this.s.post(() => this.s.deliver({ kind: "referEnded", step, referStatus, notifyStatus, callerHungUp }));
  }

  private async variable(name: string): Promise<number | null> {
    const reply = await this.s.host.esl.api(`uuid_getvar ${this.s.uuid} ${name}`).catch(() => "");
    const value = Number(reply.trim());
    return /^\d{3}$/.test(reply.trim()) && value > 0 ? value : null;
  }
}
