// What the interpreter asks of the call, abstractly: no switch syntax, no escaping. The worker maps each command to
// switch applications through worker/call-control/switch-commands.ts, the one place tenant text meets the switch
// (text escaped for the expander, audio only from files it wrote or checked tones, numbers and URIs checked there).
// A decision's commands run in order; only the last may wait for an outcome (the state's `awaiting` says which).
// URLs here are absolute: relative ones were resolved against the document's URL. How they map, for the worker:
//   speak → sayApplication (text escaped there); play → parsePlaySource, then the media cache's file (fileApplication)
//   or a checked tone (toneApplication), refused sources become a `failed` outcome; silence → pauseApplication;
//   playDigits, collectInput, record, dial → switch applications built from these typed fields only (digits, keys,
//   numbers and SIP URIs checked by their grammar before they reach an argument); hangup → HANGUP_APPLICATION.

export interface Callback {
  url: string;
  method: "GET" | "POST";
}

export interface EventCallback extends Callback {
  events: string[];
}

/** What a prompt plays; `loop` 0 repeats until the caller hangs up or (inside collectInput) gives input. */
export type Prompt =
  | { kind: "speak"; text: string; voice: string | null; language: string; loop: number }
  | { kind: "play"; source: string; loop: number }
  | { kind: "silence"; seconds: number };

export interface CollectInputCommand {
  kind: "collectInput";
  /** Played in order while listening; input stops them when bargeIn allows. */
  prompts: Prompt[];
  dtmf: { numDigits: number | null; finishOnKey: string } | null;
  speech: {
    language: string;
    hints: string | null;
    model: string | null;
    enhanced: boolean;
    profanityFilter: boolean;
    /** Seconds of silence that end speech, or "auto". */
    endSilence: number | "auto";
    maxSeconds: number;
    partialResults: Callback | null;
  } | null;
  /** Seconds to wait for input once the prompts have played, and between keys. */
  timeoutSeconds: number;
  bargeIn: boolean;
}

export interface RecordCommand {
  kind: "record";
  maxLengthSeconds: number;
  /** Seconds of silence that end the recording; 0: never. */
  silenceTimeoutSeconds: number;
  finishOnKey: string;
  playBeep: boolean;
  trimSilence: boolean;
  /** Transcribe the recording, posting the text to the callback when there is one. */
  transcribe: { callback: Callback | null } | null;
  statusCallback: EventCallback | null;
}

export type DialTarget =
  | { kind: "number"; number: string; sendDigits: string | null; answerUrl: Callback | null; statusCallback: EventCallback | null; machineDetection: MachineDetection | null }
  | { kind: "sip"; uri: string; username: string | null; password: string | null; answerUrl: Callback | null; statusCallback: EventCallback | null; machineDetection: MachineDetection | null }
  | { kind: "client"; identity: string; parameters: Record<string, string>; answerUrl: Callback | null; statusCallback: EventCallback | null }
  | {
      kind: "conference";
      name: string;
      muted: boolean;
      beep: "true" | "false" | "onEnter" | "onExit";
      startOnEnter: boolean;
      endOnExit: boolean;
      waitUrl: Callback | null;
      maxParticipants: number;
      record: boolean;
      trimSilence: boolean;
      coach: string | null;
      participantLabel: string | null;
      statusCallback: EventCallback | null;
      recordingStatusCallback: EventCallback | null;
    }
  | { kind: "queue"; name: string; whisperUrl: Callback | null };

export interface MachineDetection {
  mode: "Enable" | "DetectMessageEnd";
  timeoutSeconds: number;
  speechThresholdMs: number;
  speechEndThresholdMs: number;
  silenceTimeoutMs: number;
  statusCallback: Callback | null;
}

export interface DialCommand {
  kind: "dial";
  targets: DialTarget[];
  callerId: string | null;
  timeoutSeconds: number;
  timeLimitSeconds: number;
  hangupOnStar: boolean;
  answerOnBridge: boolean;
  /** Ring the targets one after another instead of all at once. */
  sequential: boolean;
  ringTone: string | null;
  record: { from: "answer" | "ringing"; dualChannel: boolean; track: "both" | "inbound" | "outbound"; trimSilence: boolean; statusCallback: EventCallback | null } | null;
  referUrl: Callback | null;
}

export interface StreamSpec {
  url: string;
  name: string | null;
  parameters: Record<string, string>;
  statusCallback: Callback | null;
}

export type Command =
  | Prompt
  | { kind: "playDigits"; digits: string }
  | CollectInputCommand
  | RecordCommand
  | DialCommand
  | { kind: "connectStream"; stream: StreamSpec }
  | { kind: "startStream"; stream: StreamSpec; track: "inbound_track" | "outbound_track" | "both_tracks" }
  | { kind: "stopStream"; name: string | null }
  | {
      kind: "startRecording";
      name: string | null;
      dualChannel: boolean;
      track: "inbound" | "outbound" | "both";
      trimSilence: boolean;
      statusCallback: EventCallback | null;
    }
  | { kind: "stopRecording"; name: string | null }
  /**
   * The ACD's offer of this caller to the agent is over: answered (and the call with the agent ended) or not; not
   * answered because the caller left (hung up, redirected) is no fault of the agent's.
   */
  | { kind: "agentOfferEnded"; agentId: string; answered: boolean; callerLeft: boolean }
  /**
   * Ask the application what to do next; the answer comes back as a `fetched` or `fetchFailed` outcome.
   * `queueWait`: a queued caller's waitUrl, sent with the queue's facts as they are now (QueueSid, QueuePosition, …).
   */
  | { kind: "fetch"; url: string; method: "GET" | "POST"; params: Record<string, string>; queueWait?: true }
  /** <Enqueue>: the call joins the tenant's queue; answered by `enqueued`, `queueFull` or `failed`. */
  | { kind: "enqueue"; queue: string; maxSize: number | null; agentId: string | null }
  /** <Refer>: a SIP REFER to the far end of the answered call; answered by `referEnded` (or `failed`). */
  | { kind: "refer"; uri: string }
  /** A queued caller's default wait: the switch's music on hold until something stops it (`done` if it ends). */
  | { kind: "holdMusic" }
  /**
   * The call leaves its queue. Awaited, it is answered by `queueLeft`; when the call has ended it is not, and the
   * worker posts `notify` itself with the queue's QueueSid and QueueTime added.
   */
  | { kind: "leaveQueue"; notify: Callback & { params: Record<string, string> } | null }
  /** Tell the application what happened when nothing more can run (the caller hung up); its answer is ignored. */
  | { kind: "notify"; url: string; method: "GET" | "POST"; params: Record<string, string> }
  /** A debugger entry for the call: Twilio's code and what went wrong. */
  | { kind: "reportError"; code: number; message: string; verbIndex: number | null }
  | { kind: "reject"; reason: "rejected" | "busy" }
  | { kind: "hangup"; cause: "normal" | "application-error" }
  /** A dequeued caller is bridged to the call that dialled its queue (`to`: that call's sid; queue-wait.ts). */
  | { kind: "bridgeDequeued"; to: string }
  /** A dialled leg's whisper document ran to its end: the leg is connected to the caller (whisper.ts). */
  | { kind: "connectLeg" };
