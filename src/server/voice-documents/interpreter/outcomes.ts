// What the call reports back, abstractly (the worker turns switch events into these). Every outcome but `hangup`
// names the step it answers; an outcome for any other step is stale and ignored.
import type { TVoiceDocument } from "../voice-document.schemas";

export type DialCallStatus = "completed" | "answered" | "busy" | "no-answer" | "failed" | "canceled";

export interface RecordingFacts {
  sid: string;
  url: string;
  durationSeconds: number;
}

export type Outcome =
  /** The prompt (say, play, pause, digits) finished playing. */
  | { kind: "done"; step: number }
  /** Keys the caller pressed; terminator is the finishOnKey pressed, null when numDigits or the timeout ended input. */
  | { kind: "digits"; step: number; digits: string; terminator: string | null }
  | { kind: "speech"; step: number; transcript: string; confidence: number }
  /** Nothing came: no input for collectInput, no audio for record. */
  | { kind: "timeout"; step: number }
  /** terminator: the key that ended the recording, "hangup" when the caller hung up, null for silence or maxLength. */
  | { kind: "recorded"; step: number; recording: RecordingFacts; terminator: string | null }
  | {
      kind: "dialEnded";
      step: number;
      status: DialCallStatus;
      dialCallSid: string | null;
      /** Seconds the dialled call lasted (0 when it was never answered). */
      durationSeconds: number;
      bridged: boolean;
      recording: RecordingFacts | null;
      /** The caller hung up: the action hears of it, but nothing more runs. */
      callerHungUp: boolean;
    }
  | { kind: "streamEnded"; step: number }
  /** The application's answer, already parsed (JSON or TwiML) by the fetcher. */
  | { kind: "fetched"; step: number; document: TVoiceDocument; dialect: "twiml" | "json" }
  /** Twilio's code: 11200 HTTP retrieval failure, 11205 connection failure, 12100 parse failure, … */
  | { kind: "fetchFailed"; step: number; code: number; message: string }
  /** The command could not run (an unplayable source, a refused number): reported, and the document goes on. */
  | { kind: "failed"; step: number; code: number; message: string }
  /**
   * The REFER's end: the far end's answer to it (null: none came), the final status its NOTIFY reported of the
   * transfer (null: none came), and whether the caller hung up meanwhile.
   */
  | { kind: "referEnded"; step: number; referStatus: number | null; notifyStatus: number | null; callerHungUp: boolean }
  /** The call joined its queue (enqueue). */
  | { kind: "enqueued"; step: number; queueSid: string }
  /** The queue holds its maxSize: the call was not added. */
  | { kind: "queueFull"; step: number; queueSid: string }
  /** A <Dial><Queue> took the queued call (`by`: the dialling call); its `url` runs on it before the bridge. */
  | { kind: "dequeued"; step: number; by: string; waitedSeconds: number; url: { url: string; method: "GET" | "POST" } | null }
  /**
   * The ACD offers this queued caller to an agent: the agent's softphone (a client) rings, the caller keeps waiting.
   * Ring-all: `agents` lists every agent offered at once (the first is agentId/identity); their phones ring together.
   */
  | { kind: "agentOffered"; step: number; agentId: string; identity: string; ringTimeoutSeconds: number; agents?: { agentId: string; identity: string }[] }
  /** The caller pressed 1 on hold music and the queue took a callback in their place (request-queue-callback.ts). */
  | { kind: "callbackAccepted"; step: number }
  /** The ACD tells a caller on hold music their place in line and estimated wait (queue announcements). */
  | { kind: "queueAnnouncement"; step: number; text: string }
  /**
   * The offered agent answered (the caller's member row is gone): `by` is the agent's leg, `waitedSeconds` the wait;
   * `agentId` the one who answered when several rang (ring-all).
   */
  | { kind: "agentAnswered"; step: number; by: string; waitedSeconds: number; agentId?: string }
  /** The dequeued call's bridge to the dialling call ended with the call still up. */
  | { kind: "dequeueBridgeEnded"; step: number }
  /** The call left its queue (leaveQueue): what the action hears as QueueSid and QueueTime. */
  | { kind: "queueLeft"; step: number; queueSid: string | null; waitedSeconds: number }
  | { kind: "hangup" };
