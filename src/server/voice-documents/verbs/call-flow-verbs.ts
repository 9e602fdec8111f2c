// Verbs that end the call or move it elsewhere: hangup, reject (reason rejected or busy, default rejected),
// redirect (method POST), enqueue (waitUrlMethod and method POST), leave (the queue) and refer (a SIP REFER,
// method POST). Defaults: twilio.com/docs/voice/twiml/hangup, /reject, /redirect, /enqueue, /leave, /refer.
import { z } from "zod";
import { ZSipUri } from "./dial-nouns";
import { ZDocumentUrl, ZMethodDefaultPost } from "./primitives";

export const ZHangupVerb = z.strictObject({ hangup: z.literal(true) });

export const ZRejectVerb = z.strictObject({
  reject: z.literal(true),
  reason: z.enum(["rejected", "busy"]).default("rejected").meta({ description: "What the caller hears: a rejection or a busy signal" }),
});

export const ZRedirectVerb = z.strictObject({
  redirect: ZDocumentUrl.meta({ description: "The next document; the rest of this one never runs" }),
  method: ZMethodDefaultPost,
});

/** Twilio refuses queue names shorter than 1 (14204) and longer than 64 characters (14205). */
export const ZQueueName = z.string().trim().min(1).max(64);

export const ZEnqueueVerb = z.strictObject({
  enqueue: ZQueueName.meta({ description: "Queue to wait in (created on first use)" }),
  action: ZDocumentUrl.optional().meta({ description: "Receives QueueResult when the caller leaves the queue" }),
  method: ZMethodDefaultPost,
  waitUrl: ZDocumentUrl.optional().meta({ description: "Document (play/say/pause/redirect/leave/hangup/gather) run while waiting" }),
  waitUrlMethod: ZMethodDefaultPost,
  maxQueueSize: z.number().int().min(1).max(5000).optional(),
  agent: z.string().regex(/^ag_[0-9A-Za-z]{1,40}$/).optional().meta({ description: "Only this agent (an agent id of the account) takes the caller: a transfer to an agent" }),
});

export const ZLeaveVerb = z.strictObject({ leave: z.literal(true) });

export const ZReferVerb = z.strictObject({
  refer: ZSipUri.meta({ description: "Where the far end is asked to transfer the call (TwiML <Refer><Sip>)" }),
  action: ZDocumentUrl.optional(),
  method: ZMethodDefaultPost,
});
