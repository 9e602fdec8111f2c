// A consultation's third party dialled into its room (src/server/agents/consult-agent-call.ts asks, as a conference
// request `dial`): an agent's line where it registered, or a number through the carrier gateway; answered, the leg
// runs `conference <room>` and the room's events do the rest. The leg is a call of its own (irisx_call_id, its uuid
// the call row's): its progress, end, record and bill follow the switch's events like any call's. A line not
// registered, or a value that is not what it should be, ends the call at once as failed.
import { randomUUID } from "node:crypto";
import { conferenceRoom } from "@/server/conferences/conference-room";
import type { ConferenceDial } from "@/server/conferences/request-conference-action";
import { CONFERENCE_PROFILE } from "./call-control/conference-apps";
import { contactLookupCommand, registeredContact } from "./call-control/dial-strings";
import type { WorkerContext } from "./context";

const E164 = /^\+[1-9][0-9]{6,14}$/;
const GATEWAY = /^[A-Za-z0-9_.-]{1,64}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The originate of the third party (only checked values go in). */
export function conferenceDialOriginate(d: ConferenceDial, destination: string, domain: string | null): string {
  const vars = [
    `origination_uuid=${d.channelUuid}`,
    `irisx_call_id=${d.callId}`,
    `irisx_tenant_id=${d.tenantId}`,
    `origination_caller_id_number=${d.callerIdNumber}`,
    `origination_caller_id_name=${d.callerIdNumber}`,
    `originate_timeout=${Math.max(1, Math.min(120, Math.round(d.ringSeconds)))}`,
    ...(domain ? [`sip_invite_domain=${domain}`] : ["ignore_early_media=true"]),
    ...(d.reattachCallId && ID.test(d.reattachCallId) ? [`sip_h_X-IRISX-Reattach=${d.reattachCallId}`] : []),
    "hangup_after_conference=true",
  ];
  return `originate {${vars.join(",")}}${destination} &conference(${conferenceRoom(d.tenantId, d.conference)}@${CONFERENCE_PROFILE}+flags{moderator})`;
}

export class ConferenceDialer {
  constructor(private readonly ctx: WorkerContext) {}

  async dial(d: ConferenceDial): Promise<void> {
    const fail = (cause: string, why: string) => {
      this.ctx.log.warn({ callId: d.callId, why }, "consultation's third party not dialled");
      return this.ctx.voice.finalizeCall({ callId: d.callId, endedAt: new Date(), hangupCause: cause, billsec: 0, data: { reason: why } }).catch((err: unknown) => {
        this.ctx.log.error({ err, callId: d.callId }, "could not end the undialled leg");
      });
    };
    if (!UUID.test(d.channelUuid) || !ID.test(d.callId) || !ID.test(d.tenantId) || !E164.test(d.callerIdNumber)) return fail("INVALID_NUMBER_FORMAT", "a value of the request is malformed");
    let destination: string;
    let domain: string | null = null;
    if (d.number) {
      if (!E164.test(d.number) || !GATEWAY.test(this.ctx.defaultGateway)) return fail("INVALID_NUMBER_FORMAT", `${d.number} is not a number this platform calls`);
      destination = `sofia/gateway/${this.ctx.defaultGateway}/${d.number}`;
    } else {
      let found: { contact: string; domain: string } | null = null;
      for (const line of d.lines ?? []) {
        let command: string;
        try {
          command = contactLookupCommand(line);
        } catch {
          continue;
        }
        const contact = registeredContact(await this.ctx.esl.api(command).catch(() => ""));
        if (contact) {
          found = { contact, domain: line.domain };
          break;
        }
      }
      if (!found) return fail("USER_NOT_REGISTERED", "the agent's phone is not registered");
      destination = found.contact;
      domain = found.domain;
    }
    const reply = await this.ctx.esl
      .bgapi(conferenceDialOriginate(d, destination, domain), { jobUuid: randomUUID(), timeoutMs: (d.ringSeconds + 15) * 1000 })
      .catch((err: unknown) => `-ERR ${String(err)}`);
    // A failed originate's channel (if the switch made one) ends with CHANNEL_HANGUP_COMPLETE, which closes the call;
    // finalize is idempotent, so closing it here too is safe and covers a switch that made none.
    if (!reply.trim().startsWith("+OK")) await fail(reply.replace(/^-ERR\s*/, "").trim().split(/\s/)[0] || "NORMAL_TEMPORARY_FAILURE", "the switch could not connect the call");
  }
}
