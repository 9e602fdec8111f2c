// hangup and reject end the call; redirect replaces the document with the application's answer; enqueue puts the
// caller in a queue and leave takes it out (queue-wait.ts runs the wait in between); refer is part of the model but
// cannot run yet: it is refused as an application error, reported to the debugger, never skipped.
import type { VerbOf } from "../../voice-document.schemas";
import { queueParameters } from "../queue-wait";
import type { Next, VerbHandler } from "../verb-handler";

export const hangupHandler: VerbHandler<VerbOf<"hangup">> = { begin: () => ({ next: "end", commands: [{ kind: "hangup", cause: "normal" }] }) };

export const rejectHandler: VerbHandler<VerbOf<"reject">> = { begin: (verb) => ({ next: "end", commands: [{ kind: "reject", reason: verb.reason }] }) };

export const redirectHandler: VerbHandler<VerbOf<"redirect">> = {
  begin: (verb, ctx) => ({ next: "fetch", commands: [], request: { url: ctx.resolve(verb.redirect), method: verb.method, params: ctx.params() } }),
};

/** Twilio's schema-validation code: the document names something this platform does not run. */
const notYet = (verb: string): Next => ({ next: "fail", code: 12200, message: `${verb} cannot run yet on IRISX` });

/**
 * <Enqueue>: the call joins the tenant's queue, then waits (queue-wait.ts). A full queue or a failure to queue is
 * never a wait: the action hears queue-full or system-error (QueueTime 0), or the next verb runs.
 */
export const enqueueHandler: VerbHandler<VerbOf<"enqueue">> = {
  begin: (verb, ctx) => {
    // Resolved now: a relative URL in a document that has none fails here, not while the caller waits.
    ctx.callback(verb.action, verb.method);
    ctx.callback(verb.waitUrl, verb.waitUrlMethod);
    return { next: "await", commands: [{ kind: "enqueue", queue: verb.enqueue, maxSize: verb.maxQueueSize ?? null }] };
  },
  complete: (verb, outcome, ctx) => {
    const action = ctx.callback(verb.action, verb.method);
    switch (outcome.kind) {
      case "enqueued":
        return { next: "enterQueue", queueSid: outcome.queueSid };
      case "queueFull":
        return ctx.postTo(action, queueParameters("queue-full", outcome.queueSid, 0), [
          { kind: "reportError", code: 12400, message: `queue ${verb.enqueue} is full: the call was not added`, verbIndex: ctx.verbIndex },
        ]);
      case "failed":
        return ctx.postTo(action, { QueueResult: "system-error", QueueTime: "0" }, [{ kind: "reportError", code: outcome.code, message: outcome.message, verbIndex: ctx.verbIndex }]);
      default:
        return null;
    }
  },
};

/** <Leave>: out of the queue the caller waits in; outside a queue there is nothing to leave, and the next verb runs. */
export const leaveHandler: VerbHandler<VerbOf<"leave">> = {
  begin: (_verb, ctx) => (ctx.queue ? { next: "leaveQueue", result: "leave" } : { next: "continue", commands: [] }),
};
export const referHandler: VerbHandler<VerbOf<"refer">> = { begin: () => notYet("refer") };
