// Supervisors monitoring agents' calls (src/server/supervision): for each request of this switch the worker rings the
// supervisor's softphone where it registered and, answered, runs the switch's eavesdrop on the caller's channel:
//   listen   eavesdrop: the supervisor hears both sides, nobody hears the supervisor
//   whisper  eavesdrop_whisper_aleg=true (mod_dptools: ED_MUX_READ on the caller's channel): the supervisor's voice is
//            mixed into what the caller's channel sends to its bridge, so only the agent hears it
//   barge    both mixes (ED_MUX_READ | ED_MUX_WRITE, as three_way): caller and agent hear the supervisor
// eavesdrop_enable_dtmf lets the mode change while it runs: the worker injects the digit the eavesdrop loop reads
// (uuid_recv_dtmf: 0 listen, 1 whisper, 3 barge; switch_ivr_async.c), and the supervisor's own keypad does the same.
import { randomUUID } from "node:crypto";
import { MONITOR_CHANNEL, type MonitorMode } from "@/server/supervision/supervision.schemas";
import type { TakenMonitorRequest } from "@/server/supervision/take-monitor-requests";
import { contactLookupCommand, registeredContact } from "../call-control/dial-strings";
import type { WorkerContext } from "../context";
import type { EslEvent } from "../esl/wire";
import type { PgListener } from "../pg-listener";
import { WakeableLoop, type WorkerHandler } from "../registry";

const UUID = /^[0-9a-f-]{36}$/i;
/** The eavesdrop loop's digit for each mode. */
export const MODE_DIGIT: Record<MonitorMode, string> = { listen: "0", whisper: "1", barge: "3" };
const RING_SECONDS = 30;

/** The originate that rings the supervisor and eavesdrops on `target` when answered (only checked values go in). */
export function monitorOriginate(input: { uuid: string; contact: string; domain: string; target: string; mode: MonitorMode; callerId: string; monitorId: string }): string {
  const callerId = /^\+?[0-9]{1,20}$/.test(input.callerId) ? input.callerId : "0000000000";
  const vars = [
    `origination_uuid=${input.uuid}`,
    `origination_caller_id_number=${callerId}`,
    "origination_caller_id_name=Monitor",
    `sip_invite_domain=${input.domain}`,
    `originate_timeout=${RING_SECONDS}`,
    "eavesdrop_enable_dtmf=true",
    `eavesdrop_whisper_aleg=${input.mode === "listen" ? "false" : "true"}`,
    `eavesdrop_whisper_bleg=${input.mode === "barge" ? "true" : "false"}`,
    `irisx_monitor_id=${input.monitorId}`,
  ];
  return `originate {${vars.join(",")}}${input.contact} &eavesdrop(${input.target})`;
}

export class SupervisorMonitors implements WorkerHandler {
  readonly name = "supervisor-monitors";
  private readonly loop: WakeableLoop;
  /** Live monitors of this worker by the supervisor's channel uuid. */
  private readonly live = new Map<string, string>();
  started = 0;

  constructor(
    private readonly ctx: WorkerContext,
    listener: PgListener,
    pollMs: number,
  ) {
    this.loop = new WakeableLoop("supervisor-monitors", pollMs, () => this.tick(), ctx.log);
    listener.on(MONITOR_CHANNEL, (payload) => {
      if (payload === ctx.switchId) this.loop.wake();
    });
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

  /** The supervisor's channel hung up: the monitor is over. */
  onEvent(event: EslEvent): void {
    if (event.name !== "CHANNEL_HANGUP_COMPLETE" || !event.uniqueId) return;
    const id = this.live.get(event.uniqueId);
    if (!id) return;
    this.live.delete(event.uniqueId);
    void this.ctx.voice.recordMonitorStatus({ id, status: "ended" }).catch((err: unknown) => this.ctx.log.warn({ err, monitorId: id }, "could not record a monitor's end"));
  }

  private async tick(): Promise<void> {
    if (!this.ctx.database.up || !this.ctx.lease.holds()) return;
    const requests = await this.ctx.voice.takeMonitorRequests({ switchId: this.ctx.switchId, limit: 20 });
    for (const request of requests) {
      await this.run(request).catch(async (err: unknown) => {
        this.ctx.log.error({ err, monitorId: request.id }, "a monitor request failed");
        await this.ctx.voice.recordMonitorStatus({ id: request.id, status: "failed", failure: String(err) }).catch(() => undefined);
      });
    }
  }

  private async run(request: TakenMonitorRequest): Promise<void> {
    const fail = (failure: string) => this.ctx.voice.recordMonitorStatus({ id: request.id, status: "failed", failure });
    if (request.action === "stop") {
      if (request.channelUuid && UUID.test(request.channelUuid)) await this.ctx.esl.api(`uuid_kill ${request.channelUuid} NORMAL_CLEARING`).catch(() => "");
      return this.ctx.voice.recordMonitorStatus({ id: request.id, status: "ended" });
    }
    if (request.action === "mode") {
      if (!request.channelUuid || !UUID.test(request.channelUuid)) return;
      await this.ctx.esl.api(`uuid_recv_dtmf ${request.channelUuid} ${MODE_DIGIT[request.mode]}`);
      return;
    }
    if (!request.targetUuid || !UUID.test(request.targetUuid)) return fail("the agent's call has ended");
    if (!request.line) return fail("the supervisor has no softphone line");
    const contact = registeredContact(await this.ctx.esl.api(contactLookupCommand(request.line)).catch(() => ""));
    if (!contact) return fail("the supervisor's softphone is not registered");
    const uuid = randomUUID();
    await this.ctx.voice.recordMonitorStatus({ id: request.id, status: "ringing", channelUuid: uuid });
    this.live.set(uuid, request.id);
    this.started++;
    const reply = await this.ctx.esl.bgapi(monitorOriginate({ uuid, contact, domain: request.line.domain, target: request.targetUuid, mode: request.mode, callerId: request.callerId, monitorId: request.id }), { jobUuid: randomUUID(), timeoutMs: (RING_SECONDS + 10) * 1000 });
    if (!reply.trim().startsWith("+OK")) {
      this.live.delete(uuid);
      return fail(`the supervisor's softphone did not answer: ${reply.trim().replace(/^-ERR\s*/, "")}`);
    }
    // Answered: the eavesdrop runs until either side leaves (CHANNEL_HANGUP_COMPLETE above). A hang-up before this
    // reply came already ended it.
    if (this.live.has(uuid)) await this.ctx.voice.recordMonitorStatus({ id: request.id, status: "active" });
  }

  health(): Record<string, unknown> {
    return { started: this.started, live: this.live.size, lastError: this.loop.lastError };
  }
}
