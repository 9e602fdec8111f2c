// Softphones and desk phones registering on the switch: sofia::register, sofia::unregister and sofia::expire move
// the agent's `registered` (record-agent-registration.ts). A user may be registered from several places at once, so
// an unregister or expiry is believed only when the switch has no registration of that user left (sofia_contact).
import { contactLookupCommand, registeredContact } from "../call-control/dial-strings";
import type { EslEvent } from "../esl/wire";
import type { WorkerContext } from "../context";
import type { WorkerHandler } from "../registry";

export const REGISTRATION_SUBCLASSES = ["sofia::register", "sofia::unregister", "sofia::expire"] as const;

const SIP_NAME = /^[a-z0-9._-]{1,64}$/i;
const DOMAIN = /^[a-z0-9.-]{1,253}$/i;

export class AgentRegistrations implements WorkerHandler {
  readonly name = "agent-registrations";
  seen = 0;

  constructor(private readonly ctx: WorkerContext) {}

  start(): void {}

  stop(): void {}

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
      await this.ctx.voice.recordAgentRegistration({ username, domain, registered });
    });
  }

  health(): Record<string, unknown> {
    return { seen: this.seen };
  }
}
