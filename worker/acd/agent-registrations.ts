// Softphones and desk phones registering on the switch: sofia::register, sofia::unregister and sofia::expire move
// the agent's `registered` (record-agent-registration.ts). A user may be registered from several places at once, so
// an unregister or expiry is believed only when the switch has no registration of that user left (sofia_contact).
// Events missed (the worker was down, the link dropped) are made good by reconciling: at start and every
// `reconcileMs`, each agent's lines are looked up on this switch (sofia_contact) and the database corrected where it
// disagrees. An agent believed registered on another switch is that switch's worker's to check; one believed
// unregistered is marked registered wherever a switch finds them.
import { contactLookupCommand, registeredContact } from "../call-control/dial-strings";
import type { EslEvent } from "../esl/wire";
import type { WorkerContext } from "../context";
import { WakeableLoop, type WorkerHandler } from "../registry";

export const REGISTRATION_SUBCLASSES = ["sofia::register", "sofia::unregister", "sofia::expire"] as const;

const SIP_NAME = /^[a-z0-9._-]{1,64}$/i;
const DOMAIN = /^[a-z0-9._-]{1,253}$/i;

const PAGE = 500;

export class AgentRegistrations implements WorkerHandler {
  readonly name = "agent-registrations";
  seen = 0;
  corrected = 0;
  private readonly loop: WakeableLoop;
  /** When the next round is due (0: as soon as the link, the database and the switch's lease allow). */
  private nextRoundAt = 0;

  constructor(
    private readonly ctx: WorkerContext,
    private readonly reconcileMs = 300_000,
    /** Tests: these tenants' agents only (test files share one database). */
    private readonly tenantIds?: () => string[],
  ) {
    // A cheap check every few seconds; a round only when due, so one missed for want of the link or the lease comes soon.
    this.loop = new WakeableLoop("agent-registrations", Math.min(5_000, reconcileMs), () => this.reconcileWhenDue(), ctx.log);
  }

  /** The link came (back) up: events may have been missed, a round is due now. */
  linkUp(): void {
    this.nextRoundAt = 0;
    this.loop.wake();
  }

  private async reconcileWhenDue(): Promise<void> {
    if (Date.now() < this.nextRoundAt || this.ctx.esl.linkState !== "up" || !this.ctx.database.up || !this.ctx.lease.holds()) return;
    await this.reconcile();
    this.nextRoundAt = Date.now() + this.reconcileMs;
  }

  start(): void {
    this.loop.start();
  }

  quiesce(): void {
    void this.loop.stop();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
  }

  /** Every agent's lines against this switch's registrations; the database corrected where it disagrees. */
  async reconcile(): Promise<void> {
    let afterId: string | null = null;
    for (;;) {
      const page = await this.ctx.voice.findAgentLines({ afterId, limit: PAGE, ...(this.tenantIds ? { tenantIds: this.tenantIds() } : {}) });
      for (const agent of page) {
        if (agent.registered && agent.registeredSwitchId !== null && agent.registeredSwitchId !== this.ctx.switchId) continue;
        const found: { username: string; domain: string }[] = [];
        for (const line of agent.lines) {
          if (!SIP_NAME.test(line.username) || !DOMAIN.test(line.domain)) continue;
          const reply = await this.ctx.esl.api(contactLookupCommand(line)).catch(() => null);
          if (reply === null) throw new Error("the switch did not answer sofia_contact: the round is tried again");
          if (registeredContact(reply)) found.push(line);
        }
        const now = found.length > 0;
        if (now === agent.registered && (!now || agent.registeredSwitchId === this.ctx.switchId)) continue;
        const line = found[0] ?? agent.lines[0]!;
        await this.ctx.calls.push(`registration:${line.username}@${line.domain}`, async () => void (await this.ctx.voice.recordAgentRegistration({ ...line, registered: now, switchId: this.ctx.switchId })));
        if (now !== agent.registered) {
          this.corrected++;
          this.ctx.log.info({ agentId: agent.agentId, registered: now }, "agent registration reconciled with the switch");
        }
      }
      if (page.length < PAGE || this.loop.isStopped) return;
      afterId = page.at(-1)!.agentId;
    }
  }

  onEvent(event: EslEvent): void {
    if (event.name !== "CUSTOM" || !(REGISTRATION_SUBCLASSES as readonly string[]).includes(event.subclass ?? "")) return;
    const username = event.get("username") ?? event.get("user_name") ?? event.get("from-user") ?? "";
    const domain = event.get("domain_name") ?? event.get("realm") ?? event.get("from-host") ?? "";
    if (!SIP_NAME.test(username) || !DOMAIN.test(domain)) return;
    this.seen++;
    const registered = event.subclass === "sofia::register";
    void this.ctx.calls.push(`registration:${username}@${domain}`, async () => {
      if (!registered) {
        const reply = await this.ctx.esl.api(contactLookupCommand({ username, domain })).catch(() => "");
        if (registeredContact(reply)) return;
      }
      await this.ctx.voice.recordAgentRegistration({ username, domain, registered, switchId: this.ctx.switchId });
    });
  }

  health(): Record<string, unknown> {
    return { seen: this.seen, corrected: this.corrected, lastError: this.loop.lastError };
  }
}
