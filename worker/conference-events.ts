// Conferences on this worker's switch: mod_conference's CUSTOM conference::maintenance events → the conferences
// use-cases (rows, callbacks, webhooks), and the room changes the API asks for → `conference <room> …` commands.
//   add-member     → participant connected; a coach is related to the others (`relate <coach> <others> nospeak`:
//                    heard only by the call it coaches, hearing everyone); a record-from-start room starts recording
//   del-member, mute/unmute-member, hold/unhold-member, start/stop-talking, kick-member → the participant's row
//   conference-destroy → the room completed; its recording ingested and told to the recordingStatusCallback
// Every few ticks, participants whose call ended without a switch event and rooms nobody is left in are settled
// (settle-conferences.ts). One room's events are applied in wire order (queued under the room's name). Commands carry the switch's room name
// (conference-apps.ts: letters, digits, `_.-` only, checked again here) and member ids, never tenant text.
import { CONFERENCE_REQUEST_CHANNEL } from "@/server/conferences/request-conference-action";
import type { TakenConferenceRequest } from "@/server/conferences/take-conference-requests";
import type { EslEvent } from "./esl/wire";
import type { WorkerContext } from "./context";
import type { PgListener } from "./pg-listener";
import { ConferenceDialer } from "./conference-dialer";
import { WakeableLoop, type WorkerHandler } from "./registry";
import { eventTime, type SwitchConnection } from "./switch-port";

/** The actions applied to rows (the rest, e.g. energy-level or play-file, are not kept). */
const APPLIED = new Set(["add-member", "del-member", "kick-member", "mute-member", "unmute-member", "hold-member", "unhold-member", "start-talking", "stop-talking", "conference-destroy"]);

const ROOM = /^[A-Za-z0-9_.-]{1,160}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SAFE_PATH = /^\/[A-Za-z0-9_./-]{1,400}$/;

function flag(value: string | undefined): boolean | null {
  return value === "true" ? true : value === "false" ? false : null;
}

export function conferenceCommands(request: TakenConferenceRequest): string[] {
  if (!ROOM.test(request.room)) return [];
  const room = `conference ${request.room}`;
  const member = request.memberId;
  switch (request.action) {
    case "end":
      return [`${room} kick all`];
    case "mute":
    case "unmute":
    case "hold":
    case "unhold":
      return member === null ? [] : [`${room} ${request.action} ${member}`];
    case "kick":
      // A participant whose phone still rings is not in the room: its call is hung up (Twilio's remove of a queued one).
      if (member === null) return request.channelUuid && UUID.test(request.channelUuid) ? [`uuid_kill ${request.channelUuid} ORIGINATOR_CANCEL`] : [];
      return [`${room} kick ${member}`];
    case "dial":
      return [];
    case "coach": {
      if (member === null) return [];
      const clear = request.coachedMemberId !== null ? [`${room} relate ${member} ${request.coachedMemberId} clear`] : [];
      return [...clear, ...(request.otherMemberIds.length > 0 ? [`${room} relate ${member} ${request.otherMemberIds.join(",")} nospeak`] : [])];
    }
    case "uncoach": {
      const others = [...request.otherMemberIds, ...(request.coachedMemberId !== null ? [request.coachedMemberId] : [])];
      return member === null || others.length === 0 ? [] : [`${room} relate ${member} ${others.join(",")} clear`];
    }
  }
}

/** `relate` commands that keep coaches heard only by the call they coach, after `joined` entered the room. */
export function coachRelations(room: string, joined: number, members: { callId: string; memberId: number; coaching: boolean; callSidToCoach: string | null }[]): string[] {
  if (!ROOM.test(room)) return [];
  const commands: string[] = [];
  const newcomer = members.find((m) => m.memberId === joined);
  for (const coach of members.filter((m) => m.coaching && m.callSidToCoach)) {
    const coached = members.find((m) => m.callId === coach.callSidToCoach)?.memberId ?? null;
    const targets = coach.memberId === joined ? members.filter((m) => m.memberId !== coach.memberId && m.memberId !== coached).map((m) => m.memberId) : newcomer && joined !== coached ? [joined] : [];
    if (targets.length > 0) commands.push(`conference ${room} relate ${coach.memberId} ${targets.join(",")} nospeak`);
  }
  return commands;
}

export class ConferenceEvents implements WorkerHandler {
  readonly name = "conferences";
  private readonly loop: WakeableLoop;
  /** Rooms whose recording this worker started (a later member's join does not start it again). */
  private readonly recording = new Set<string>();
  private readonly dialer: ConferenceDialer;
  applied = 0;
  commands = 0;

  constructor(
    private readonly ctx: WorkerContext,
    esl: SwitchConnection,
    listener: PgListener,
    pollMs = 2_000,
  ) {
    this.loop = new WakeableLoop("conference-requests", pollMs, () => this.tick(), ctx.log);
    this.dialer = new ConferenceDialer(ctx);
    esl.onEvent((event) => this.onEvent(event));
    listener.on(CONFERENCE_REQUEST_CHANNEL, (payload) => {
      if (payload === ctx.switchId) this.loop.wake();
    });
  }

  start(): void {
    this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
  }

  onEvent(event: EslEvent): void {
    if (event.name !== "CUSTOM" || event.subclass !== "conference::maintenance") return;
    const action = event.get("Action") ?? "";
    const room = event.get("Conference-Name");
    if (!room || !APPLIED.has(action)) return;
    const memberId = Number(event.get("Member-ID"));
    const input = {
      switchId: this.ctx.switchId,
      room,
      action,
      channelUuid: action === "conference-destroy" ? null : (event.uniqueId ?? null),
      memberId: Number.isInteger(memberId) && memberId > 0 ? memberId : null,
      speak: flag(event.get("Speak")),
      hold: flag(event.get("Hold")),
      at: eventTime(event),
    };
    void this.ctx.calls.push(`conference:${room}`, async () => {
      const result = await this.ctx.voice.applyConferenceEvent(input);
      this.applied++;
      this.ctx.onTransition();
      if (!result.conferenceId) return;
      if (action === "add-member" && input.memberId !== null) {
        for (const command of coachRelations(room, input.memberId, result.members ?? [])) await this.run(command);
        if (result.hold && ROOM.test(room)) await this.run(`conference ${room} hold ${input.memberId}`);
        if (result.waiting && input.channelUuid && /^[0-9a-f-]{36}$/i.test(input.channelUuid) && ROOM.test(room)) await this.playWaitMusic(room, input.channelUuid);
        if (result.recording && !this.recording.has(result.conferenceId) && SAFE_PATH.test(result.recording.switchPath)) {
          this.recording.add(result.conferenceId);
          await this.run(`conference ${room} recording start ${result.recording.switchPath}`);
        }
      }
      if (action === "conference-destroy") {
        this.recording.delete(result.conferenceId);
        const rec = result.endedRecording;
        if (rec?.switchPath) {
          const conferenceId = result.conferenceId;
          await this.ctx.voice
            .ingestRecording({ recordingId: rec.recordingId, callId: "", switchPath: rec.switchPath, at: input.at })
            .then(() => this.ctx.voice.notifyConferenceRecording({ conferenceId }))
            .catch((err: unknown) => this.ctx.log.error({ err, conferenceId }, "conference recording ingest failed"));
          this.ctx.onTransition();
        }
      }
    });
  }

  /** The waitUrl audio the member's session fetched (irisx_wait_music, conference-apps.ts) as the waiting room's music. */
  private async playWaitMusic(room: string, channelUuid: string): Promise<void> {
    const file = (await this.ctx.esl.api(`uuid_getvar ${channelUuid} irisx_wait_music`).catch(() => "")).trim();
    if (SAFE_PATH.test(file)) await this.run(`conference ${room} moh ${file}`);
  }

  private async run(command: string): Promise<void> {
    this.commands++;
    const reply = await this.ctx.esl.api(command).catch((err: unknown) => `-ERR ${String(err)}`);
    if (reply.trim().startsWith("-ERR")) this.ctx.log.warn({ command, reply: reply.trim() }, "conference command refused");
  }

  private ticks = 0;

  private async tick(): Promise<void> {
    if (!this.ctx.database.up) return;
    // About every ten seconds (any worker may: it only reads the calls' final statuses).
    if (this.ticks++ % 5 === 0) await this.ctx.voice.settleConferences({ limit: 200 });
    if (this.ctx.esl.linkState !== "up" || !this.ctx.lease.holds()) return;
    const requests = await this.ctx.voice.takeConferenceRequests({ switchId: this.ctx.switchId, limit: 100 });
    for (const request of requests) {
      // The third party's phone rings up to its ring time: the other requests do not wait for it.
      if (request.dial) void this.dialer.dial(request.dial);
      for (const command of conferenceCommands(request)) await this.run(command);
    }
  }

  health(): Record<string, unknown> {
    return { applied: this.applied, commands: this.commands, lastError: this.loop.lastError };
  }
}
