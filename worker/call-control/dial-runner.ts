// <Dial>'s part of a call's session: the legs (numbers, SIP URIs, clients: the account's SIP users where they
// registered) as child calls (create-dial-legs.ts) rung by `bridge` (dial-strings.ts),
// the bridge's time limit, sendDigits and recording, the outcome from the switch's variables and clock; and
// <Dial><Conference>: the participant stored, the room's variables, the conference application until the caller
// leaves the room.
import { randomUUID } from "node:crypto";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { DialCommand } from "@/server/voice-documents/interpreter/commands";
import type { DialCallStatus, RecordingFacts } from "@/server/voice-documents/interpreter/outcomes";
import type { EslEvent } from "../esl/wire";
import { eventTime } from "../switch-port";
import { conferenceApplication, conferenceRoom, conferenceVariables, type ConferenceTarget } from "./conference-apps";
import { waitMusicFile } from "./conference-wait-music";
import { bridgeApplication, contactLookupCommand, DialTargetError, registeredContact, type DialLeg } from "./dial-strings";
import { dialRecordSpec, finishDialRecording, startDialRecording } from "./dial-recording";
import { defaultRingTone, ringToneFor } from "./ring-tones";
import type { Running, SessionOps } from "./session-ops";
import { isHeldLeg, legMachineDetection, trackHeldLeg } from "./whisper";
import type { SwitchApplication } from "./switch-commands";

/** bridge's DIALSTATUS → Twilio's DialCallStatus. */
function dialStatusOf(dialStatus: string | undefined, bridged: boolean, callerHungUp: boolean): DialCallStatus {
  if (bridged) return "completed";
  switch (dialStatus) {
    case "BUSY":
      return "busy";
    // The dial's timeout: each leg's leg_timeout ends it with ALLOTTED_TIMEOUT, and bridge's DIALSTATUS is the cause's
    // name for causes it has no word for (switch_ivr_originate.c; seen on the real switch).
    case "NOANSWER":
    case "ALLOTTED_TIMEOUT":
    case "PROGRESS_TIMEOUT":
    case "NO_USER_RESPONSE":
      return "no-answer";
    case "CANCEL":
      return callerHungUp ? "canceled" : "no-answer";
    // A leg held for its own document hung up (its <Hangup>, a screening declined) before it was bridged: as if it
    // had not answered, as Twilio reports a declined whisper.
    case "NORMAL_CLEARING":
      return callerHungUp ? "canceled" : "no-answer";
    default:
      return callerHungUp ? "canceled" : "failed";
  }
}

export class DialRunner {
  constructor(private readonly s: SessionOps) {}

  async dial(command: DialCommand, step: number): Promise<void> {
    if (!this.s.live()) return;
    const conference = command.targets.find((t) => t.kind === "conference");
    if (conference) return this.joinConference(conference, command.targets.length, step);
    const targets = command.targets.filter((t): t is Extract<typeof t, { kind: "number" } | { kind: "sip" } | { kind: "client" }> => t.kind === "number" || t.kind === "sip" || t.kind === "client");
    const other = command.targets.find((t) => t.kind !== "number" && t.kind !== "sip" && t.kind !== "client");
    if (other?.kind === "queue") {
      this.s.deliverLater({ kind: "failed", step, code: 12200, message: "<Queue> must be the only noun of its <Dial>" });
      return;
    }
    if (other || targets.length === 0) {
      this.s.deliverLater({ kind: "failed", step, code: 12200, message: `<Dial><${other ? other.kind[0]!.toUpperCase() + other.kind.slice(1) : "Number"}> cannot be dialled on IRISX yet` });
      return;
    }
    const ringback = (command.ringTone && ringToneFor(command.ringTone)) || defaultRingTone(command.targets.find((t) => t.kind === "number")?.number ?? null);
    const ignored = unhonouredDialAttributes(command);
    if (ignored.length > 0) await this.s.reportError(12200, `<Dial> ${ignored.join(", ")}: not honoured yet on IRISX; the dial goes on without`, this.s.state?.verbIndex ?? null);
    const callerId = command.callerId ?? this.s.channel.from;
    // A client rings where its SIP user registered; an identity the account has no SIP user for, or one not
    // registered now, rings nowhere.
    const clients = new Map<string, { username: string; domain: string; contact: string }>();
    for (const t of targets) {
      if (t.kind !== "client" || clients.has(t.identity)) continue;
      const address = await this.s.host.voice.findClientAddress({ tenantId: this.s.channel.tenantId, identity: t.identity }).catch(() => null);
      if (!address) {
        await this.s.recordDebugger({ code: 13223, message: `<Client>${t.identity}</Client>: the account has no enabled SIP user of that name; not dialled`, source: "verb" });
        continue;
      }
      const contact = registeredContact(await this.s.host.esl.api(contactLookupCommand(address)).catch(() => ""));
      if (contact) clients.set(t.identity, { ...address, contact });
      else await this.s.recordDebugger({ code: 13223, message: `<Client>${t.identity}</Client>: not registered now (no phone signed in as ${address.username}); not dialled`, source: "verb" });
    }
    const dialled = targets.filter((t) => t.kind !== "client" || clients.has(t.identity));
    if (dialled.length === 0) return this.s.deliverLater({ kind: "dialEnded", step, status: "no-answer", dialCallSid: null, durationSeconds: 0, bridged: false, recording: null, callerHungUp: false });
    const planned = dialled.map((target) => ({ target, uuid: randomUUID(), to: target.kind === "number" ? target.number : target.kind === "sip" ? target.uri : `client:${target.identity}` }));
    const created = await this.s.host.voice.createDialLegs({
      parentCallId: this.s.channel.callId,
      tenantId: this.s.channel.tenantId,
      switchId: this.s.host.switchId,
      workerId: this.s.host.workerId,
      callerId,
      timeoutSeconds: command.timeoutSeconds,
      timeLimitSeconds: command.timeLimitSeconds,
      legs: planned.map((p) => ({ to: p.to, channelUuid: p.uuid, statusCallback: p.target.statusCallback, machineDetection: legMachineDetection(p.target) })),
    });
    if (!created.ok) return this.s.deliverLater({ kind: "failed", step, code: created.code, message: created.message });
    const legs: DialLeg[] = planned.map((p, i) => ({
      uuid: p.uuid,
      callId: created.legs[i]!.callId,
      tenantId: this.s.channel.tenantId,
      target: p.target,
      callerId,
      timeoutSeconds: command.timeoutSeconds,
      gateway: this.s.host.defaultGateway,
      ...(p.target.kind === "client" ? { client: clients.get(p.target.identity)! } : {}),
      ...(isHeldLeg(p.target) ? { held: true } : {}),
    }));
    let app: SwitchApplication;
    try {
      app = bridgeApplication(legs, command.sequential);
    } catch (e) {
      if (!(e instanceof DialTargetError)) throw e;
      await this.s.host.voice.finalizeCalls(legs.map((leg) => ({ channelUuid: leg.uuid, endedAt: new Date(), hangupCause: "INVALID_NUMBER_FORMAT", sipStatus: null, durationSeconds: 0, billsec: 0 })));
      return this.s.deliverLater({ kind: "failed", step, code: e.code, message: e.message });
    }
    // A leg with its own document (or detection) is tracked before it rings: its answer starts them (whisper.ts).
    legs.forEach((leg, i) => leg.held && trackHeldLeg(this.s, leg, planned[i]!.to));
    this.s.running = dialRunning(
      command,
      step,
      legs.map((leg) => ({ callId: leg.callId, uuid: leg.uuid, sendDigits: leg.target.kind === "number" ? leg.target.sendDigits : null, ...(leg.target.kind === "client" ? { client: leg.target.identity } : {}) })),
    );
    void this.s.save();
    // record-from-ringing: the caller's side from now, ringback included.
    if (command.record?.from === "ringing") this.s.running.recording = await startDialRecording(this.s, step, this.s.running.recordSpec ?? null);
    // Without continue_on_fail the switch hangs the caller up when no leg answers, and hangup_after_bridge would end
    // the call when the called party does (both seen on the real switch): the document goes on either way.
    await this.s.send({ app: "set", arg: "continue_on_fail=true" });
    await this.s.send({ app: "set", arg: "hangup_after_bridge=false" });
    await this.s.send({ app: "set", arg: `bridge_terminate_key=${command.hangupOnStar ? "*" : ""}` });
    await this.s.send({ app: "set", arg: `ringback=${ringback}` });
    await this.s.send(app, this.s.running.eventUuid);
  }

  /**
   * <Dial><Conference>: the caller is a member of the tenant's room until they leave it or it ends. The participant
   * row is written first (conferences use-cases; a full room refuses the call: the dial fails), then the room's
   * variables and the conference application.
   */
  async joinConference(target: ConferenceTarget, nouns: number, step: number): Promise<void> {
    if (nouns > 1) return this.s.deliverLater({ kind: "failed", step, code: 12200, message: "<Conference> must be the only noun of its <Dial>" });
    const { tenantId, callId } = this.s.channel;
    const room = conferenceRoom(tenantId, target.name);
    const recordingPath = target.record ? path.resolve(this.s.host.recordingsDir, tenantId, `${callId}-conference-${step}.wav`) : null;
    // The switch writes the room's recording there: the tenant's folder is made first, as for the record verb.
    if (recordingPath) await mkdir(path.dirname(recordingPath), { recursive: true }).catch(() => undefined);
    const joined = await this.s.host.voice
      .joinConference({
        tenantId,
        callId,
        switchId: this.s.host.switchId,
        friendlyName: target.name,
        room,
        label: target.participantLabel,
        muted: target.muted,
        startConferenceOnEnter: target.startOnEnter,
        endConferenceOnExit: target.endOnExit,
        callSidToCoach: target.coach,
        maxParticipants: target.maxParticipants,
        statusCallback: target.statusCallback,
        recordingPath,
        recordingStatusCallback: target.recordingStatusCallback,
      })
      .catch((err: unknown) => {
        this.s.log.error({ err, callId }, "could not store the conference participant; joining all the same");
        return null;
      });
    if (joined && !joined.ok) {
      await this.s.recordDebugger({ code: 12400, message: `conference ${target.name} is full (maxParticipants ${target.maxParticipants}): the call was not added`, source: "verb" });
      return this.s.deliverLater({ kind: "dialEnded", step, status: "failed", dialCallSid: null, durationSeconds: 0, bridged: false, recording: null, callerHungUp: false });
    }
    const waitMusic = target.waitUrl ? await waitMusicFile({ tenantId, waitUrl: target.waitUrl, media: this.s.host.media, sign: (input) => this.s.host.voice.signRequest(input) }) : null;
    this.s.running = { kind: "conference", step, eventUuid: randomUUID(), room, joinedAt: Date.now() };
    void this.s.save();
    await this.s.setTerminators("none");
    for (const app of conferenceVariables(target, waitMusic)) await this.s.send(app);
    await this.s.send(conferenceApplication(tenantId, target), this.s.running.eventUuid);
  }

  async conferenceLeft(running: Extract<Running, { kind: "conference" }>): Promise<void> {
    return this.s.deliver({
      kind: "dialEnded",
      step: running.step,
      status: "completed",
      dialCallSid: null,
      durationSeconds: Math.max(0, Math.round((Date.now() - running.joinedAt) / 1000)),
      bridged: false,
      recording: null,
      callerHungUp: !this.s.live(),
    });
  }

  async bridged(running: Extract<Running, { kind: "dial" }>, event: EslEvent): Promise<void> {
    if (running.bridgedAt !== null) return;
    const other = event.get("Other-Leg-Unique-ID") ?? event.get("Bridge-B-Unique-ID") ?? null;
    // The switch's own clock, as the duration is reckoned from its events.
    running.bridgedAt = eventTime(event).getTime();
    running.bridgedTo = other;
    const leg = running.legs.find((l) => l.uuid === other);
    if (other && running.timeLimitSeconds > 0) await this.s.host.esl.api(`sched_hangup +${running.timeLimitSeconds} ${other} ALLOTTED_TIMEOUT`).catch(() => undefined);
    if (other && leg?.sendDigits && /^[0-9*#A-Dw]{1,64}$/.test(leg.sendDigits)) await this.s.host.esl.api(`uuid_send_dtmf ${other} ${leg.sendDigits}`).catch(() => undefined);
    if (running.recordWanted && !running.recording) running.recording = await startDialRecording(this.s, running.step, running.recordSpec ?? null);
    // A <Client> answered outside the ACD (a flow or document dialling an agent's line): the agent is on that leg's
    // call, so the router offers them nothing until it ends (the ACD's own offers move the agent themselves).
    if (leg?.client && this.s.state?.awaiting.kind !== "agentRinging") {
      await this.s.host.voice.markDirectAgentCall({ tenantId: this.s.channel.tenantId, identity: leg.client, legCallId: leg.callId }).catch((err: unknown) => this.s.log.warn({ err, callId: this.s.channel.callId }, "could not mark the agent on the direct call"));
    }
    void this.s.save();
  }

  async dialCompleted(running: Extract<Running, { kind: "dial" }>, event: EslEvent): Promise<void> {
    const callerHungUp = !this.s.live();
    const bridged = running.bridgedAt !== null;
    const recording: RecordingFacts | null = running.recording ? await finishDialRecording(this.s, running.recording, running.recordSpec ?? null, callerHungUp) : null;
    const answeredLeg = running.legs.find((l) => l.uuid === running.bridgedTo) ?? null;
    return this.s.deliver({
      kind: "dialEnded",
      step: running.step,
      status: dialStatusOf(event.variable("DIALSTATUS"), bridged, callerHungUp),
      dialCallSid: answeredLeg?.callId ?? (running.legs.length === 1 ? running.legs[0]!.callId : null),
      durationSeconds: bridged ? Math.max(0, Math.round((eventTime(event).getTime() - running.bridgedAt!) / 1000)) : 0,
      bridged,
      recording,
      callerHungUp,
    });
  }
}

/** A dial's running state: its legs ringing (or the dequeued caller), nothing bridged or recorded yet. */
export function dialRunning(command: DialCommand, step: number, legs: Extract<Running, { kind: "dial" }>["legs"], extra: { dequeued?: true } = {}): Extract<Running, { kind: "dial" }> {
  return {
    kind: "dial",
    step,
    eventUuid: randomUUID(),
    legs,
    bridgedAt: null,
    bridgedTo: null,
    timeLimitSeconds: command.timeLimitSeconds,
    recording: null,
    recordWanted: command.record !== null,
    recordSpec: dialRecordSpec(command),
    ...extra,
  };
}

/** What a dial asks for that this platform does not do yet: reported to the debugger, never dropped in silence. */
export function unhonouredDialAttributes(command: DialCommand): string[] {
  const out: string[] = [];
  if (command.ringTone && !ringToneFor(command.ringTone)) out.push(`ringTone ${command.ringTone} (no such tone here: the called country's plays)`);
  if (command.referUrl) out.push("referUrl");
  return [...new Set(out)];
}
