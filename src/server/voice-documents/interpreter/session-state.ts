// The interpreter's state for one call: plain JSON, checked by ZSessionState when it is read back, so it can be stored
// after every decision and a worker restarting mid-call picks the call up where it was (resume-session.ts).
import { z } from "zod";
import { ZMethod } from "../verbs/primitives";
import { ZVoiceDocument } from "../voice-document.schemas";

export const CALL_DIRECTIONS = ["inbound", "outbound-api", "outbound-dial"] as const;
export const CALL_STATUSES = ["queued", "ringing", "in-progress", "completed", "busy", "failed", "no-answer", "canceled"] as const;

/** Who the call is, in the terms of Twilio's request parameters (CallSid, AccountSid, From, To, Direction…). */
export const ZSessionCall = z.object({
  callSid: z.string().min(1),
  accountSid: z.string().min(1),
  from: z.string(),
  to: z.string(),
  direction: z.enum(CALL_DIRECTIONS),
  status: z.enum(CALL_STATUSES),
  forwardedFrom: z.string().optional(),
  callerName: z.string().optional(),
  /** Answering-machine detection's verdict when the document started after it (Twilio's AnsweredBy). */
  answeredBy: z.string().optional(),
  /** A dialled leg's parent call (Twilio's ParentCallSid), for the document a <Number url> runs on it. */
  parentCallSid: z.string().optional(),
});
export type SessionCall = z.infer<typeof ZSessionCall>;

const ZCallback = z.object({ url: z.string(), method: ZMethod });

export const ZFetchRequest = z.object({ url: z.string(), method: ZMethod, params: z.record(z.string(), z.string()) });
export type FetchRequest = z.infer<typeof ZFetchRequest>;

export const ZDocumentSource = z.object({
  /** Where the document came from; relative URLs in it resolve against this. Null for a document given inline. */
  url: z.string().nullable(),
  dialect: z.enum(["twiml", "json"]),
});
export type DocumentSource = z.infer<typeof ZDocumentSource>;

/** Twilio's QueueResult words this platform gives. */
export const QUEUE_RESULTS = ["leave", "hangup", "queue-full", "error", "system-error", "redirected", "bridged"] as const;
export type QueueResult = (typeof QUEUE_RESULTS)[number];

/** A caller waiting in a queue (<Enqueue>): the document running is its wait document; `outer` is where it left off. */
export const ZQueueState = z.object({
  name: z.string(),
  sid: z.string(),
  action: ZCallback.nullable(),
  waitUrl: ZCallback.nullable(),
  outer: z.object({ verbs: ZVoiceDocument, source: ZDocumentSource, verbIndex: z.number().int().min(0) }),
  /** Taken out of the queue by a <Dial><Queue> (the dialling call's sid): its url runs, then the two are bridged. */
  dequeued: z.object({ by: z.string(), waitedSeconds: z.number().int().min(0) }).optional(),
  /**
   * Offered by the ACD to this agent: its phone rings (awaiting agentRinging), or it answered (dequeued set too).
   * Ring-all: `ringing` holds every agent whose phone rings (agentId is the first) and the client it rings as, until
   * one answers.
   */
  offer: z.object({ agentId: z.string(), ringing: z.array(z.object({ agentId: z.string(), identity: z.string() })).optional() }).optional(),
});
export type QueueState = z.infer<typeof ZQueueState>;

export const ZAwaiting = z.discriminatedUnion("kind", [
  /** The outcome of the verb at verbIndex. */
  z.object({ kind: z.literal("verb") }),
  /** The application's answer to a request; its document replaces the current one. */
  z.object({ kind: z.literal("fetch"), request: ZFetchRequest, fallbackUsed: z.boolean() }),
  z.object({ kind: z.literal("ended") }),
  /** A queued caller with no waitUrl hears the switch's music on hold (queue-wait.ts). */
  z.object({ kind: z.literal("holdMusic") }),
  /** The ACD's offer: the agent's phone rings, then the two are bridged until one leaves (queue-wait.ts). */
  z.object({ kind: z.literal("agentRinging") }),
  /** Dequeued, and bridged to the dialling call until one of them leaves (queue-wait.ts). */
  z.object({ kind: z.literal("bridgedToDequeuer") }),
  /** The call is leaving its queue; the action then hears `result` (queue-wait.ts). */
  z.object({ kind: z.literal("leavingQueue"), result: z.enum(QUEUE_RESULTS) }),
]);
export type Awaiting = z.infer<typeof ZAwaiting>;

export const SESSION_STATE_VERSION = 1;

export const ZSessionState = z.object({
  version: z.literal(SESSION_STATE_VERSION),
  call: ZSessionCall,
  document: z.object({ verbs: ZVoiceDocument, source: ZDocumentSource }),
  verbIndex: z.number().int().min(0),
  /** Grows with every awaited outcome; an outcome naming another step is stale. */
  step: z.number().int().min(0),
  awaiting: ZAwaiting,
  /** The call's fallback URL, asked once when a document cannot be fetched. */
  fallback: ZCallback.nullable(),
  /** Documents fetched in a row without anything for the caller: a redirect loop is stopped (see run-verbs.ts). */
  documentsWithoutProgress: z.number().int().min(0),
  /** Set while the caller waits in a queue (queue-wait.ts). */
  queue: ZQueueState.optional(),
  /**
   * The document runs on a dialled leg that answered, before it is bridged (<Number url>, a whisper or a screening):
   * its end connects the leg, a <Hangup> declines it (whisper.ts).
   */
  whisper: z.literal(true).optional(),
});
export type SessionState = z.infer<typeof ZSessionState>;
