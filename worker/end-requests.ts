// Ends calls the API asked to end (cancel while queued/ringing, hang up while in progress), and carries out live
// changes (redirect-call.ts: the call runs a new document at once). The API sets
// Call.endRequestedAt/endRequestedStatus and NOTIFYs irisx_call_end_requested; a poll catches what a missed
// notification would leave. A call whose originate has not been sent yet ends without touching the switch
// (originator.ts); one whose channel does not exist yet is killed as soon as it shows up (call-events.ts).
import type { LiveCall } from "@/server/calls/find-live-calls-on-switch";
import type { WorkerContext } from "./context";
import type { RedirectRequest } from "@/server/calls/redirect-call";
import { sessionHost } from "./call-handler";
import { redirectCallSession } from "./call-control/start-call-session";
import { endCause } from "./originator";
import { WakeableLoop, type WorkerHandler } from "./registry";
import { errCause } from "./switch-port";

/** A kill already sent is not repeated for this long (the hang-up is on its way). */
const KILL_RETRY_MS = 10_000;

export class EndRequestHandler implements WorkerHandler {
  readonly name = "end-requests";
  private readonly loop: WakeableLoop;
  killed = 0;
  redirected = 0;

  constructor(
    private readonly ctx: WorkerContext,
    pollMs: number,
    /** A call that was answered and is gone from the switch is settled by reconcile (billsec from what is known). */
    private readonly onAnsweredCallVanished: () => void,
  ) {
    this.loop = new WakeableLoop("end-requests", pollMs, () => this.tick(), ctx.log);
  }

  start(): void {
    this.loop.start();
  }

  wake(): void {
    this.loop.wake();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
  }

  private async tick(): Promise<void> {
    // Ending a call whose channel is not found finalizes it: only for the worker that holds the switch's lease.
    if (this.ctx.esl.linkState !== "up" || !this.ctx.lease.holds() || !this.ctx.database.up) return;
    const live = await this.ctx.voice.findLiveCallsOnSwitch(this.ctx.switchId);
    const wanted = live.filter((c) => c.endRequestedAt !== null && c.channelUuid !== null);
    const redirects = live.filter((c) => c.redirectRequestedAt !== null && c.endRequestedAt === null && c.channelUuid !== null);
    await Promise.all([
      ...wanted.map((call) => this.ctx.calls.push(call.channelUuid!, () => this.end(call))),
      ...redirects.map((call) => this.ctx.calls.push(call.channelUuid!, () => this.redirect(call))),
    ]);
  }

  /** A live change: the call's interpreter drops what it runs and runs the new document at once. */
  private async redirect(call: LiveCall): Promise<void> {
    const channel = this.ctx.channels.get(call.channelUuid!);
    if (!channel || !channel.answered || channel.hangupSeen) return;
    const request = (await this.ctx.voice.takeRedirectRequest({ callId: call.id })) as RedirectRequest | null;
    if (!request) return;
    this.redirected++;
    redirectCallSession(sessionHost(this.ctx), channel, request);
  }

  private async end(call: LiveCall): Promise<void> {
    const uuid = call.channelUuid!;
    const cause = endCause(call.endRequestedStatus);
    const channel = this.ctx.channels.get(uuid);
    if (channel) {
      if (channel.hangupSeen) return;
      // An inbound call is on the switch from the start; an outbound one once its originate went out.
      const onSwitch = channel.originateSent || channel.direction === "inbound";
      if (channel.killRequested && channel.killRequested.at > Date.now() - KILL_RETRY_MS && onSwitch) return;
      channel.killRequested = { cause, at: Date.now() };
      // Not yet on the switch: the originator ends it without dialling.
      if (!onSwitch) return;
    } else if (this.ctx.channels.endedRecently(uuid)) {
      return;
    }
    const reply = await this.ctx.esl.api(`uuid_kill ${uuid} ${cause}`);
    this.killed++;
    if (!errCause(reply)) return;
    // No such channel. If our originate is still under way the channel is about to appear and is killed then;
    // otherwise nothing will ever hang this call up on the switch, so it is ended here.
    if (channel?.originatePending) return;
    if (call.answeredAt) return this.onAnsweredCallVanished();
    await this.ctx.voice.finalizeCall({
      channelUuid: uuid,
      endedAt: new Date(),
      hangupCause: cause,
      sipStatus: null,
      durationSeconds: null,
      billsec: 0,
      data: { endRequested: true, switchReply: reply.trim() },
    });
    this.ctx.channels.remove(uuid);
    this.ctx.channels.markEnded(uuid);
    this.ctx.onTransition();
  }

  health(): Record<string, unknown> {
    return { killed: this.killed, redirected: this.redirected, lastError: this.loop.lastError };
  }
}
