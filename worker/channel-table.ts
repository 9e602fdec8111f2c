// What this worker knows about the channels it drives, by FreeSWITCH channel uuid. The database stays the
// truth; this is the working memory that lets events be handled without a read (record? instructions? time
// limit?) and lets an end request reach a call whose originate has not been sent yet. A restarted worker
// starts empty and fills it from events and reconcile.
import type { StoredMachineDetection } from "@/server/calls/machine-detection";
import type { AmdRun } from "./call-control/amd-runner";
import type { CallSession } from "./call-control/call-session";

export type ChannelDirection = "outbound" | "inbound";

export interface TrackedChannel {
  uuid: string;
  callId: string;
  tenantId: string;
  /** The tenant's Twilio AccountSid, sent to its URL. */
  accountSid: string;
  direction: ChannelDirection;
  from: string;
  to: string;
  record: boolean;
  /** The voice document the call runs on answer (native JSON), when it was given one. */
  instructions: unknown[] | null;
  /** The call's `url` or the number's voiceUrl, and the HTTP method to fetch it with. */
  url: string | null;
  urlMethod: string;
  /** DTMF sent once the called party answers, before the document (Twilio's SendDigits). */
  sendDigits: string | null;
  /** Answering-machine detection to run on answer, and its state once it runs (call-control/amd-runner.ts). */
  machineDetection: StoredMachineDetection | null;
  amd: AmdRun | null;
  /** The flow the call runs (its published version's first step is fetched on answer). */
  flowId: string | null;
  /** The call's fallback URL, asked once when a document cannot be fetched. */
  fallback: { url: string; method: "GET" | "POST" } | null;
  timeLimitSeconds: number | null;
  apiSurface: string;
  /** Claimed, originate not answered by BACKGROUND_JOB yet. */
  originatePending: boolean;
  /** The bgapi has been written to the socket (before that, a cancel needs no uuid_kill). */
  originateSent: boolean;
  ringing: boolean;
  answered: boolean;
  /**
   * An inbound call whose document runs before it is answered: the first command that needs the call up answers it
   * (call-session.ts); a <Dial answerOnBridge> leaves that to the bridge (the called party's answer).
   */
  answerDeferred?: boolean;
  hangupSeen: boolean;
  /** Cause of a hang-up this worker asked for (uuid_kill), and when. */
  killRequested: { cause: string; at: number } | null;
  answeredBy: string | null;
  recordingPath: string | null;
  recordingId: string | null;
  timeLimitTimer: ReturnType<typeof setTimeout> | null;
  /** Files handed to the switch's playback → the play source they came from (a failure names the source). */
  playbacks: Map<string, string>;
  /** The switch created the channel (CHANNEL_CREATE): a failed originate without it never reached a carrier. */
  created: boolean;
  /** CHANNEL_HANGUP: when and why the switch hung the channel up, by its own clock (kept in case
   *  CHANNEL_HANGUP_COMPLETE never arrives, as when the switch shuts down and the link closes first). */
  hangup: { at: Date; cause: string } | null;
  createdAt: number;
  /** The call's verb interpreter once its document runs (call-control/call-session.ts). */
  session: CallSession | null;
  /**
   * A <Dial> leg that is held when it answers until its own document (its <Number url>, after its machineDetection)
   * has run: the parent call's id. Its `url` is that document; its end connects the leg (call-control/whisper.ts).
   */
  whisperOf?: string | null;
}

export function newTrackedChannel(init: Pick<TrackedChannel, "uuid" | "callId" | "tenantId" | "direction"> & Partial<TrackedChannel>): TrackedChannel {
  return {
    accountSid: "",
    from: "",
    to: "",
    record: false,
    instructions: null,
    url: null,
    urlMethod: "POST",
    sendDigits: null,
    machineDetection: null,
    amd: null,
    flowId: null,
    fallback: null,
    timeLimitSeconds: null,
    apiSurface: "native",
    originatePending: false,
    originateSent: false,
    ringing: false,
    answered: false,
    hangupSeen: false,
    killRequested: null,
    answeredBy: null,
    recordingPath: null,
    recordingId: null,
    timeLimitTimer: null,
    playbacks: new Map(),
    created: false,
    hangup: null,
    createdAt: Date.now(),
    session: null,
    ...init,
  };
}

const MAX_REMEMBERED_ENDED = 20_000;

export class ChannelTable {
  private readonly byUuid = new Map<string, TrackedChannel>();
  private readonly byCallId = new Map<string, TrackedChannel>();
  /** Uuids of channels that ended lately (insertion-ordered, bounded), so a repeated hang-up is spotted without a query. */
  private readonly ended = new Set<string>();

  add(channel: TrackedChannel): TrackedChannel {
    this.byUuid.set(channel.uuid, channel);
    this.byCallId.set(channel.callId, channel);
    return channel;
  }

  get(uuid: string): TrackedChannel | undefined {
    return this.byUuid.get(uuid);
  }

  getByCallId(callId: string): TrackedChannel | undefined {
    return this.byCallId.get(callId);
  }

  remove(uuid: string): void {
    const channel = this.byUuid.get(uuid);
    if (!channel) return;
    if (channel.timeLimitTimer) clearTimeout(channel.timeLimitTimer);
    this.byUuid.delete(uuid);
    if (this.byCallId.get(channel.callId) === channel) this.byCallId.delete(channel.callId);
  }

  markEnded(uuid: string): void {
    this.ended.add(uuid);
    if (this.ended.size > MAX_REMEMBERED_ENDED) {
      const oldest = this.ended.values().next().value;
      if (oldest !== undefined) this.ended.delete(oldest);
    }
  }

  endedRecently(uuid: string): boolean {
    return this.ended.has(uuid);
  }

  values(): IterableIterator<TrackedChannel> {
    return this.byUuid.values();
  }

  get size(): number {
    return this.byUuid.size;
  }

  clear(): void {
    for (const c of this.byUuid.values()) if (c.timeLimitTimer) clearTimeout(c.timeLimitTimer);
    this.byUuid.clear();
    this.byCallId.clear();
  }
}
