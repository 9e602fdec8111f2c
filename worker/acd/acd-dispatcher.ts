// The ACD's loop on this worker: the callers waiting in queues among this worker's calls, and the agents who could
// take them, go to the router (src/server/acd/route-work.ts, pure); each assignment is claimed in the database
// (claim-call-offer.ts: the caller offered, the agent ringing, the reason logged; ring-all: every eligible free agent)
// and handed to the caller's session, which rings the agent (or all of them at once) (call-control/acd-offer-runner.ts). Every few seconds, with the settling, callers past their
// queue's maxWaitSeconds overflow (take-overflowing-callers.ts: their session is redirected to the queue's overflow)
// and callers on hold music hear their place in line and estimated wait (find-queue-announcements.ts). A tick runs
// every ACD_TICK_MS and at once when an agent becomes available (irisx_agent_changed). Callbacks (callers who pressed
// 1 and hung up, keeping their place) are routed with them; the agent's softphone and then the customer are called
// from here (callback-dialer.ts). Agent states the calls left behind
// (wrap-ups run out, offers or calls gone after a crash) are settled every few seconds (settle-agents.ts).
import { AGENT_CHANGED_CHANNEL, decodeAgentChange } from "@/server/agents/notify-agent-changed";
import { announcementText } from "@/server/acd/find-queue-announcements";
import { isCallbackItem } from "@/server/acd/load-routing-snapshot";
import { routeWork } from "@/server/acd/route-work";
import { sessionHost } from "../call-handler";
import { redirectCallSession } from "../call-control/start-call-session";
import type { WorkerContext } from "../context";
import type { EslEvent } from "../esl/wire";
import { CallbackDialer } from "./callback-dialer";
import type { PgListener } from "../pg-listener";
import { WakeableLoop, type WorkerHandler } from "../registry";

/** Routing decisions kept for the health endpoint and the benchmark (ms from snapshot read to claim). */
const KEEP_TIMINGS = 4096;
/** How long callers with no agent free wait for the next snapshot read when nothing wakes the loop. */
const NO_AGENT_RECHECK_MS = 2_000;
/** With no caller waiting on this worker, how often the callbacks due are looked for. */
const CALLBACK_RECHECK_MS = 1_000;

export class AcdDispatcher implements WorkerHandler {
  readonly name = "acd";
  private readonly loop: WakeableLoop;
  private readonly settleLoop: WakeableLoop;
  offered = 0;
  claimsLost = 0;
  conversationsAssigned = 0;
  overflowed = 0;
  callbacksOffered = 0;
  /** Per assignment: routing (its share of the router's pass) plus its claim, in ms. */
  readonly decisionMs: number[] = [];
  /** Callbacks given to agents: rung and connected on this switch. */
  readonly callbacks: CallbackDialer;

  constructor(
    private readonly ctx: WorkerContext,
    listener: PgListener,
    tickMs: number,
    settleMs: number,
    private readonly tenantIds?: () => string[],
  ) {
    this.loop = new WakeableLoop("acd", tickMs, () => this.tick(), ctx.log, 20);
    this.callbacks = new CallbackDialer(ctx);
    this.settleLoop = new WakeableLoop("acd-settle", settleMs, () => this.settle(), ctx.log);
    listener.on(AGENT_CHANGED_CHANNEL, (payload) => {
      if (decodeAgentChange(payload)?.state !== "AVAILABLE") return;
      this.noAgentsUntil = 0;
      this.loop.wake();
      this.settleLoop.wake();
    });
  }

  /** The switch's events: a callback's channels hanging up. */
  onEvent(event: EslEvent): void {
    this.callbacks.onEvent(event);
  }

  start(): void {
    this.loop.start();
    this.settleLoop.start();
  }

  quiesce(): void {
    void this.loop.stop();
    void this.settleLoop.stop();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
    await this.settleLoop.stop();
  }

  /** This worker's callers that wait with nobody offered. */
  private waitingCalls(): Map<string, NonNullable<ReturnType<WorkerContext["channels"]["getByCallId"]>>> {
    const waiting = new Map<string, NonNullable<ReturnType<WorkerContext["channels"]["getByCallId"]>>>();
    for (const channel of this.ctx.channels.values()) {
      if (channel.session?.acdOffers.waiting()) waiting.set(channel.callId, channel);
    }
    return waiting;
  }

  /**
   * After a pass that found no agent free, callers are not read again until an agent becomes available (the NOTIFY
   * wakes the loop and lifts this) or NO_AGENT_RECHECK_MS passed (a registration alone announces nothing): waiting
   * callers with nobody to take them would otherwise cost a snapshot read every tick.
   */
  private noAgentsUntil = 0;
  /** Callbacks (callers who pressed 1) wait on no worker's call: they are looked for with every snapshot, and at least this often. */
  private callbacksCheckedAt = 0;

  private async tick(): Promise<void> {
    if (!this.ctx.database.up || !this.ctx.lease.holds()) return;
    const waiting = this.waitingCalls();
    const now = Date.now();
    if (waiting.size === 0 && now - this.callbacksCheckedAt < CALLBACK_RECHECK_MS) return;
    if (now < this.noAgentsUntil) return;
    this.callbacksCheckedAt = now;
    const started = performance.now();
    const snapshots = await this.ctx.voice.loadRoutingSnapshot({ callIds: [...waiting.keys()], callbacks: { tenantIds: this.tenantIds?.() } });
    this.noAgentsUntil = snapshots.length === 0 || snapshots.some((s) => s.agents.length > 0) ? 0 : Date.now() + NO_AGENT_RECHECK_MS;
    for (const snapshot of snapshots) {
      if (snapshot.agents.length === 0 || snapshot.items.length === 0) continue;
      const routedAt = performance.now();
      const assignments = routeWork({ queues: snapshot.queues, items: snapshot.items, agents: snapshot.agents, nowMs: Date.now() });
      const routeShare = assignments.length > 0 ? (performance.now() - routedAt) / assignments.length : 0;
      for (const assignment of assignments) {
        if (isCallbackItem(assignment.itemId)) {
          await this.offerCallback(snapshot.tenantId, assignment.itemId, assignment.agentIds[0], assignment.reason, routeShare);
          continue;
        }
        const channel = waiting.get(assignment.itemId);
        if (!channel?.session || assignment.agentIds.length === 0 || assignment.kind !== "call") continue;
        const claimStarted = performance.now();
        const claim = await this.ctx.voice.claimCallOffer({ tenantId: snapshot.tenantId, callId: assignment.itemId, agentIds: assignment.agentIds, reason: assignment.reason });
        this.keep(routeShare + performance.now() - claimStarted);
        if (!claim.ok) {
          this.claimsLost++;
          continue;
        }
        this.offered++;
        void channel.session.acdOffers.offer({ agentId: claim.agents[0]!.agentId, identity: claim.identity, ringTimeoutSeconds: claim.ringTimeoutSeconds, ...(claim.agents.length > 1 ? { agents: claim.agents } : {}) });
      }
    }
    if (performance.now() - started > 1_000) this.ctx.log.warn({ ms: Math.round(performance.now() - started), waiting: waiting.size }, "an ACD pass took over a second");
  }

  /** A callback the router gave an agent (ring-all rings one agent for a callback: the first). */
  private async offerCallback(tenantId: string, callbackId: string, agentId: string | undefined, reason: string, routeShare: number): Promise<void> {
    if (!agentId) return;
    const claimStarted = performance.now();
    const claim = await this.ctx.voice.claimCallbackOffer({ tenantId, callbackId, agentId, reason });
    this.keep(routeShare + performance.now() - claimStarted);
    if (!claim.ok) {
      this.claimsLost++;
      return;
    }
    this.callbacksOffered++;
    this.callbacks.ring(claim.offer);
  }

  private keep(ms: number): void {
    this.decisionMs.push(ms);
    if (this.decisionMs.length > KEEP_TIMINGS) this.decisionMs.splice(0, this.decisionMs.length - KEEP_TIMINGS);
  }

  /** When each waiting caller last heard their place in line (by call id). */
  private readonly announced = new Map<string, number>();

  /** Callers on hold music whose queue announces: their place and estimated wait, every announceEverySeconds. */
  private async announce(): Promise<void> {
    const waiting = this.waitingCalls();
    for (const callId of this.announced.keys()) if (!waiting.has(callId)) this.announced.delete(callId);
    if (waiting.size === 0) return;
    const now = Date.now();
    for (const a of await this.ctx.voice.findQueueAnnouncements({ callIds: [...waiting.keys()] })) {
      const last = this.announced.get(a.callId) ?? a.enqueuedAt.getTime();
      if (now - last < a.everySeconds * 1000) continue;
      this.announced.set(a.callId, now);
      void waiting.get(a.callId)?.session?.acdOffers.announce(announcementText(a));
    }
  }

  /** Callers past their queue's longest wait go where it says (an offer in progress keeps its caller). */
  private async overflow(): Promise<void> {
    const waiting = this.waitingCalls();
    if (waiting.size === 0) return;
    for (const caller of await this.ctx.voice.takeOverflowingCallers({ callIds: [...waiting.keys()] })) {
      const channel = waiting.get(caller.callId);
      if (!channel || channel.hangupSeen) continue;
      this.overflowed++;
      redirectCallSession(sessionHost(this.ctx), channel, caller.request);
    }
  }

  private async settle(): Promise<void> {
    if (!this.ctx.database.up || !this.ctx.lease.holds()) return;
    await this.overflow();
    await this.announce();
    const tenantIds = this.tenantIds?.();
    const settled = await this.ctx.voice.settleAgents({ tenantIds });
    if (settled.released > 0) this.loop.wake();
    // Conversations nobody could take when they arrived: routed again as agents free up.
    this.conversationsAssigned += await this.ctx.voice.routeWaitingConversations({ tenantIds });
  }

  health(): Record<string, unknown> {
    return {
      offered: this.offered,
      claimsLost: this.claimsLost,
      overflowed: this.overflowed,
      conversationsAssigned: this.conversationsAssigned,
      callbacks: { offered: this.callbacksOffered, rung: this.callbacks.rung, live: this.callbacks.live, completed: this.callbacks.completed },
      lastError: this.loop.lastError ?? this.settleLoop.lastError,
    };
  }
}
