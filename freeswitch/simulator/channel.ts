// One simulated FreeSWITCH channel and the header blocks FreeSWITCH 1.10.12 puts in its events.
// Layout of a channel event (switch_channel_event_set_data): common prefix, event-specific "pre" headers, basic data
// (Channel-*, Answer-State, Hangup-Cause once hung up, codecs once media is up), the caller profile ("Caller-*"), the
// other leg's profile when bridged, event-specific "post" headers, then `variable_*` for events that carry them.
// Channel variables keep FreeSWITCH's order: setting a variable again moves it to the end (del + add to the bottom).

export type CallDirection = "inbound" | "outbound";

export type ChannelStateName =
  | "CS_NEW" | "CS_INIT" | "CS_ROUTING" | "CS_SOFT_EXECUTE" | "CS_EXECUTE" | "CS_EXCHANGE_MEDIA" | "CS_PARK"
  | "CS_CONSUME_MEDIA" | "CS_HIBERNATE" | "CS_RESET" | "CS_HANGUP" | "CS_REPORTING" | "CS_DESTROY" | "CS_NONE";

export const STATE_NUMBER: Record<ChannelStateName, number> = {
  CS_NEW: 0, CS_INIT: 1, CS_ROUTING: 2, CS_SOFT_EXECUTE: 3, CS_EXECUTE: 4, CS_EXCHANGE_MEDIA: 5, CS_PARK: 6,
  CS_CONSUME_MEDIA: 7, CS_HIBERNATE: 8, CS_RESET: 9, CS_HANGUP: 10, CS_REPORTING: 11, CS_DESTROY: 12, CS_NONE: 1,
};

export type CallState = "DOWN" | "DIALING" | "RINGING" | "EARLY" | "ACTIVE" | "HELD" | "RING_WAIT" | "HANGUP" | "UNHELD";
export const CALLSTATE_NUMBER: Record<CallState, number> = {
  DOWN: 0, DIALING: 1, RINGING: 2, EARLY: 3, ACTIVE: 4, HELD: 5, RING_WAIT: 6, HANGUP: 7, UNHELD: 8,
};

export type AnswerState = "ringing" | "early" | "answered" | "hangup";

/** switch_caller_profile_t: optional fields are left out of events when empty, as FreeSWITCH does. */
export interface CallerProfile {
  username?: string;
  dialplan?: string;
  callerIdName?: string;
  callerIdNumber?: string;
  origCallerIdName?: string;
  origCallerIdNumber?: string;
  calleeIdName?: string;
  calleeIdNumber?: string;
  networkAddr?: string;
  ani: string;
  destinationNumber: string;
  source: string;
  transferSource?: string;
  context: string;
  rdnis?: string;
}

/** Caller-Channel-*-Time values, µs since the epoch (0 = not yet). */
export interface ChannelTimes {
  profileCreated: number;
  created: number;
  answered: number;
  progress: number;
  progressMedia: number;
  hangup: number;
  transfer: number;
  bridged: number;
}

export class Channel {
  readonly uuid: string;
  readonly name: string;
  readonly direction: CallDirection;
  /** Channel-State (the running state FreeSWITCH reports) and Channel-State-Number (the state it is heading to). */
  state: ChannelStateName;
  stateNumber: number;
  callState: CallState = "DOWN";
  answerState: AnswerState = "ringing";
  hitDialplan: boolean;
  hangupCause: string | undefined;
  /** Read/write codec known once media is negotiated (adds Channel-Read-Codec-* to basic data). */
  mediaUp = false;
  profile: CallerProfile | undefined;
  readonly times: ChannelTimes;
  /** Other-Type / Other-Leg-* block (bridges). */
  otherLeg: { type: "originator" | "originatee"; channel: Channel } | undefined;
  readonly vars = new Map<string, string>();
  /** Application currently running (park, playback, …) for `show channels`. */
  application = "";
  applicationData = "";
  /** Digits received so far (variable_digits_dialed). */
  dtmfLog = "";
  destroyed = false;
  hungUp = false;

  constructor(init: { uuid: string; name: string; direction: CallDirection; nowUs: number; state: ChannelStateName }) {
    this.uuid = init.uuid;
    this.name = init.name;
    this.direction = init.direction;
    this.state = init.state;
    this.stateNumber = STATE_NUMBER[init.state];
    this.hitDialplan = init.direction === "inbound";
    this.times = {
      profileCreated: init.nowUs, created: init.nowUs, answered: 0, progress: 0, progressMedia: 0, hangup: 0,
      transfer: 0, bridged: 0,
    };
  }

  /** switch_channel_set_variable: a re-set moves the variable to the end; an empty value deletes it. */
  setVar(name: string, value: string | undefined): void {
    this.vars.delete(name);
    if (value !== undefined && value !== "") this.vars.set(name, value);
  }

  getVar(name: string): string | undefined {
    return this.vars.get(name);
  }

  /** Channel-State … Answer-State [, Hangup-Cause] [, codecs], then the caller profile and the other leg. */
  pushBasicData(h: string[]): void {
    h.push(
      "Channel-State", this.state,
      "Channel-Call-State", this.callState,
      "Channel-State-Number", String(this.stateNumber),
      "Channel-Name", this.name,
      "Unique-ID", this.uuid,
      "Call-Direction", this.direction,
      "Presence-Call-Direction", this.direction,
      "Channel-HIT-Dialplan", this.hitDialplan ? "true" : "false",
      "Channel-Call-UUID", this.uuid,
      "Answer-State", this.answerState,
    );
    if (this.hangupCause) h.push("Hangup-Cause", this.hangupCause);
    if (this.mediaUp) {
      h.push(
        "Channel-Read-Codec-Name", "PCMU", "Channel-Read-Codec-Rate", "8000", "Channel-Read-Codec-Bit-Rate", "64000",
        "Channel-Write-Codec-Name", "PCMU", "Channel-Write-Codec-Rate", "8000", "Channel-Write-Codec-Bit-Rate", "64000",
      );
    }
    if (this.profile) pushProfile(h, "Caller", this, true);
    if (this.otherLeg) {
      h.push("Other-Type", this.otherLeg.type);
      pushProfile(h, "Other-Leg", this.otherLeg.channel, false);
    }
  }

  pushVariables(h: string[]): void {
    for (const [name, value] of this.vars) h.push("variable_" + name, value);
  }
}

/** switch_caller_profile_event_set_data. The Other-Leg block has no Profile-Index and no Channel-Name twice. */
function pushProfile(h: string[], prefix: string, ch: Channel, self: boolean): void {
  const p = ch.profile!;
  h.push(prefix + "-Direction", ch.direction, prefix + "-Logical-Direction", ch.direction);
  if (p.username) h.push(prefix + "-Username", p.username);
  if (p.dialplan) h.push(prefix + "-Dialplan", p.dialplan);
  if (p.callerIdName) h.push(prefix + "-Caller-ID-Name", p.callerIdName);
  if (p.callerIdNumber) h.push(prefix + "-Caller-ID-Number", p.callerIdNumber);
  if (p.origCallerIdName) h.push(prefix + "-Orig-Caller-ID-Name", p.origCallerIdName);
  if (p.origCallerIdNumber) h.push(prefix + "-Orig-Caller-ID-Number", p.origCallerIdNumber);
  if (p.calleeIdName) h.push(prefix + "-Callee-ID-Name", p.calleeIdName);
  if (p.calleeIdNumber) h.push(prefix + "-Callee-ID-Number", p.calleeIdNumber);
  if (p.networkAddr) h.push(prefix + "-Network-Addr", p.networkAddr);
  h.push(prefix + "-ANI", p.ani, prefix + "-Destination-Number", p.destinationNumber, prefix + "-Unique-ID", ch.uuid);
  h.push(prefix + "-Source", p.source);
  if (p.transferSource) h.push(prefix + "-Transfer-Source", p.transferSource);
  h.push(prefix + "-Context", p.context);
  if (p.rdnis) h.push(prefix + "-RDNIS", p.rdnis);
  h.push(prefix + "-Channel-Name", ch.name);
  if (self) h.push(prefix + "-Profile-Index", "1");
  const t = ch.times;
  h.push(
    prefix + "-Profile-Created-Time", String(t.profileCreated),
    prefix + "-Channel-Created-Time", String(t.created),
    prefix + "-Channel-Answered-Time", String(t.answered),
    prefix + "-Channel-Progress-Time", String(t.progress),
    prefix + "-Channel-Progress-Media-Time", String(t.progressMedia),
    prefix + "-Channel-Hangup-Time", String(t.hangup),
    prefix + "-Channel-Transfer-Time", String(t.transfer),
    prefix + "-Channel-Resurrect-Time", "0",
    prefix + "-Channel-Bridged-Time", String(t.bridged),
    prefix + "-Channel-Last-Hold", "0",
    prefix + "-Channel-Hold-Accum", "0",
    prefix + "-Screen-Bit", "true",
    prefix + "-Privacy-Hide-Name", "false",
    prefix + "-Privacy-Hide-Number", "false",
  );
}
