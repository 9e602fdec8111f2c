// The ACD's part of a queued caller's session (worker/acd/acd-dispatcher.ts chooses; queue-wait.ts decides): the
// caller's wait stops and the offered agent's softphone rings as a <Dial><Client> leg of the caller. When the agent
// answers (the leg's bridge), the caller leaves the queue and the agent is on the call (answer-call-offer.ts); when the
// leg ends the interpreter's agentOfferEnded command tells the ACD how it went (end-call-offer.ts): wrap-up after an
// answered call, another agent after a missed one.
import type { Command } from "@/server/voice-documents/interpreter/commands";
import type { Running, SessionOps } from "./session-ops";

export interface AgentOffer {
  agentId: string;
  /** The agent's SIP user (a client of the tenant). */
  identity: string;
  ringTimeoutSeconds: number;
  /** Ring-all: every agent offered at once (the first is agentId/identity). */
  agents?: { agentId: string; identity: string }[];
}

export class AcdOfferRunner {
  constructor(
    private readonly s: SessionOps,
    private readonly stopRunning: () => Promise<void>,
  ) {}

  /** True while the caller waits in a queue with no offer and nobody taking it: the dispatcher may offer it. */
  waiting(): boolean {
    const state = this.s.state;
    const queue = state?.queue;
    if (!queue || queue.dequeued || queue.offer || !this.s.live()) return false;
    return state.awaiting.kind === "holdMusic" || state.awaiting.kind === "verb" || state.awaiting.kind === "fetch";
  }

  /** The dispatcher claimed this caller for an agent: ring the agent, or give the offer back if the caller moved on. */
  offer(offer: AgentOffer): Promise<void> {
    return this.s.post(async () => {
      if (!this.waiting()) {
        for (const agent of offer.agents ?? [offer]) {
          await this.s.host.voice.endCallOffer({ tenantId: this.s.channel.tenantId, callId: this.s.channel.callId, agentId: agent.agentId, answered: false, callerLeft: true });
        }
        return;
      }
      await this.stopRunning();
      await this.s.deliver({ kind: "agentOffered", step: this.s.state!.step, ...offer });
    });
  }

  /**
   * A key the caller pressed while on hold music: 1 asks for a callback when the queue offers them (the ACD takes
   * the caller's place for the callback, request-queue-callback.ts); the caller then hears goodbye and the call ends.
   * Any other key, or a queue without callbacks, changes nothing. Runs in the session's turn (its switch event).
   */
  async keyPressed(digit: string): Promise<void> {
    if (digit !== "1" || !this.waiting() || this.s.state?.awaiting.kind !== "holdMusic") return;
    const step = this.s.state.step;
    const taken = await this.s.host.voice.requestQueueCallback({ tenantId: this.s.channel.tenantId, callId: this.s.channel.callId }).catch((err: unknown) => {
      this.s.log.error({ err, callId: this.s.channel.callId }, "could not take the caller's callback");
      return null;
    });
    if (!taken?.ok) return;
    await this.stopRunning();
    await this.s.deliver({ kind: "callbackAccepted", step });
  }

  /** A queue announcement (place in line, estimated wait) for a caller on hold music; nothing otherwise. */
  announce(text: string): Promise<void> {
    return this.s.post(async () => {
      if (!this.waiting() || this.s.state?.awaiting.kind !== "holdMusic") return;
      await this.stopRunning();
      await this.s.deliver({ kind: "queueAnnouncement", step: this.s.state.step, text });
    });
  }

  /**
   * The agent's leg is bridged to the caller: the agent answered. Ring-all: the bridged leg's client says which agent
   * (the offer's agents were dialled as <Client> legs); the ACD frees the others.
   */
  async answered(running: Extract<Running, { kind: "dial" }>): Promise<void> {
    const state = this.s.state;
    const offer = state?.queue?.offer;
    if (state?.awaiting.kind !== "agentRinging" || !offer || state.queue?.dequeued) return;
    const bridged = running.legs.find((l) => l.uuid === running.bridgedTo) ?? running.legs[0];
    const leg = bridged?.callId ?? null;
    const agentId = offer.ringing?.find((a) => a.identity === bridged?.client)?.agentId ?? offer.agentId;
    const taken = await this.s.host.voice
      .answerCallOffer({ tenantId: this.s.channel.tenantId, callId: this.s.channel.callId, agentId, legCallId: leg })
      .catch((err: unknown) => {
        this.s.log.error({ err, callId: this.s.channel.callId }, "could not record the agent's answer");
        return null;
      });
    // A state-only decision: the dial's running record stays (its bridge's end is still awaited).
    await this.s.deliver({ kind: "agentAnswered", step: state.step, by: leg ?? "", waitedSeconds: taken?.waitedSeconds ?? 0, agentId });
  }

  /** The interpreter's agentOfferEnded: the ACD settles the agent and the caller's place. */
  async ended(command: Extract<Command, { kind: "agentOfferEnded" }>): Promise<void> {
    await this.s.host.voice.endCallOffer({ tenantId: this.s.channel.tenantId, callId: this.s.channel.callId, agentId: command.agentId, answered: command.answered, callerLeft: command.callerLeft }).catch((err: unknown) => {
      this.s.log.error({ err, callId: this.s.channel.callId, agentId: command.agentId }, "could not settle the agent's offer");
    });
  }
}
