// The contract between a call's session (call-session.ts) and the runners of its verb families (gather-runner.ts,
// record-runner.ts, dial-runner.ts): what the worker gives a session, what the switch is running for the awaited
// step (stored with the interpreter's state), and the session's own operations a runner uses.
import type { Logger } from "@/server/logger";
import type { Prompt } from "@/server/voice-documents/interpreter/commands";
import type { Outcome, RecordingFacts } from "@/server/voice-documents/interpreter/outcomes";
import type { SessionState } from "@/server/voice-documents/interpreter/session-state";
import type { TrackedChannel } from "../channel-table";
import type { SwitchPort } from "../switch-port";
import type { VoicePort } from "../voice-port";
import type { MediaSource, PromptContext } from "./prompt-apps";
import type { SessionMetrics } from "./session-metrics";
import type { SpeechPort } from "./speech-port";
import type { SwitchApplication } from "./switch-commands";
import type { DialRecordSpec } from "./dial-recording";

export interface SessionHost {
  esl: SwitchPort;
  voice: VoicePort;
  media: MediaSource;
  log: Logger;
  recordingsDir: string;
  defaultGateway: string;
  switchId: string;
  workerId: string;
  /** Public base URL of the app (recording URLs handed to the tenant's actions). */
  appUrl: string;
  /** Detached work the drain waits for. */
  track<T>(work: Promise<T>): Promise<T>;
  metrics?: SessionMetrics;
  speech: SpeechPort;
  /** Tracks a channel this session is about to create (a dial leg held for its whisper), before its events come. */
  trackChannel(channel: TrackedChannel): void;
  /** A live call of this worker, by its call id (<Dial><Queue> finds the caller it took, and that caller the dialler). */
  channelOfCall(callId: string): TrackedChannel | undefined;
}

/** What the switch is running for the awaited step: plain data, stored with the state. */
export type Running =
  | { kind: "prompt"; step: number; eventUuid: string; loopsLeft: number; prompt: Prompt | { kind: "digits"; digits: string } }
  | { kind: "collect"; step: number; lastPromptUuid: string | null; promptsDone: boolean; utterance?: { eventUuid: string; file: string } | null }
  | { kind: "record"; step: number; eventUuid: string; recordingId: string; file: string; trimSilence?: boolean }
  | { kind: "conference"; step: number; eventUuid: string; room: string; joinedAt: number }
  /** <Connect><Stream>: the call's audio is on the tenant's WebSocket until it closes (stream-runner.ts). */
  | { kind: "stream"; step: number; streamSid: string }
  | { kind: "refer"; step: number; eventUuid: string }
  /** A dequeued caller bridged (uuid_bridge) to the call that dialled its queue, until CHANNEL_UNBRIDGE (dequeue-runner.ts). */
  | { kind: "dequeuedBridge"; step: number; to: string }
  | {
      kind: "dial";
      step: number;
      eventUuid: string;
      /** `client`: the identity of a <Client> leg (an agent's line), for their presence on a direct call. */
      legs: { callId: string; uuid: string; sendDigits: string | null; client?: string }[];
      bridgedAt: number | null;
      bridgedTo: string | null;
      timeLimitSeconds: number;
      recording: { id: string; file: string } | null;
      recordWanted: boolean;
      /** How the dial is recorded (dial-recording.ts); absent in states stored before it existed: from answer, stereo. */
      recordSpec?: DialRecordSpec | null;
      /** <Dial><Queue>: the one leg is the dequeued caller, bridged by its own session; the dial ends at CHANNEL_UNBRIDGE. */
      dequeued?: boolean;
    };

export interface StoredSession {
  state: SessionState;
  running: Running | null;
}

/** What a verb runner may do with its session. */
export interface SessionOps {
  readonly host: SessionHost;
  readonly channel: TrackedChannel;
  readonly state: SessionState | null;
  running: Running | null;
  readonly uuid: string;
  readonly log: Logger;
  readonly promptContext: PromptContext;
  /** False once the call hung up or an end was asked for. */
  live(): boolean;
  /** Runs work after what is already queued for this call. */
  post(work: () => Promise<void>): Promise<void>;
  send(app: SwitchApplication, eventUuid?: string): Promise<void>;
  setTerminators(keys: string): Promise<void>;
  save(): Promise<void>;
  deliver(outcome: Outcome): Promise<void>;
  deliverLater(outcome: Outcome): void;
  reportError(code: number, message: string, verbIndex: number | null): Promise<void>;
  recordDebugger(data: Record<string, unknown> & { code: number; message: string }): Promise<void>;
  notify(url: string, method: "GET" | "POST", params: Record<string, string>): Promise<void>;
  recordingFacts(recordingId: string, durationSeconds: number): RecordingFacts;
}
