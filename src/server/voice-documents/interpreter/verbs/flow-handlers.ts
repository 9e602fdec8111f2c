// hangup and reject end the call; redirect replaces the document with the application's answer; enqueue puts the
// caller in a queue and leave takes it out (queue-wait.ts runs the wait in between); refer asks the far end of the
// call, by SIP REFER, to take the call elsewhere.
import type { VerbOf } from "../../voice-document.schemas";
import { queueParameters } from "../call-parameters";
import { reportAndContinue, type VerbHandler } from "../verb-handler";

export const hangupHandler: VerbHandler<VerbOf<"hangup">> = { begin: () => ({ next: "end", commands: [{ kind: "hangup", cause: "normal" }] }) };

export const rejectHandler: VerbHandler<VerbOf<"reject">> = { begin: (verb) => ({ next: "end", commands: [{ kind: "reject", reason: verb.reason }] }) };

export const redirectHandler: VerbHandler<VerbOf<"redirect">> = {
  begin: (verb, ctx) => ({ next: "fetch", commands: [], request: { url: ctx.resolve(verb.redirect), method: verb.method, params: ctx.params() } }),
};

/**
 * <Enqueue>: the call joins the tenant's queue, then waits (queue-wait.ts). A full queue or a failure to queue is
 * never a wait: the action hears queue-full or system-error (QueueTime 0), or the next verb runs.
 */
export const enqueueHandler: VerbHandler<VerbOf<"enqueue">> = {
  begin: (verb, ctx) => {
    // Resolved now: a relative URL in a document that has none fails here, not while the caller waits.
    ctx.callback(verb.action, verb.method);
    ctx.callback(verb.waitUrl, verb.waitUrlMethod);
    return { next: "await", commands: [{ kind: "enqueue", queue: verb.enqueue, maxSize: verb.maxQueueSize ?? null, agentId: verb.agent ?? null }] };
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
/** ReferCallStatus from the REFER's answer and the NOTIFY's final status (Twilio's and SignalWire's words). */
export function referCallStatus(referStatus: number | null, notifyStatus: number | null, callerHungUp: boolean): string {
  if (referStatus === null || referStatus >= 300) return "failed";
  if (notifyStatus === null) return callerHungUp ? "canceled" : "failed";
  if (notifyStatus >= 200 && notifyStatus < 300) return "in-progress";
  if (notifyStatus === 486 || notifyStatus === 600) return "busy";
  if (notifyStatus === 487) return "no-answer";
  return "failed";
}

/**
 * <Refer>: the far end is asked to transfer the call. Accepted and done (a NOTIFY reporting 2xx), the call is the far
 * end's now: the action hears in-progress and the call ends here. Refused or failed, the action's document runs, or
 * the next verb. The action gets ReferCallStatus, ReferSipResponseCode (the answer to the REFER) and, when a NOTIFY
 * came, NotifySipResponseCode.
 */
export const referHandler: VerbHandler<VerbOf<"refer">> = {
  begin: (verb, ctx) => {
    ctx.callback(verb.action, verb.method);
    return { next: "await", commands: [{ kind: "refer", uri: verb.refer }] };
  },
  complete: (verb, outcome, ctx) => {
    if (outcome.kind === "failed") return reportAndContinue(outcome, ctx);
    if (outcome.kind !== "referEnded") return null;
    const status = referCallStatus(outcome.referStatus, outcome.notifyStatus, outcome.callerHungUp);
    const params = {
      ReferCallStatus: status,
      ...(outcome.referStatus !== null ? { ReferSipResponseCode: String(outcome.referStatus) } : {}),
      ...(outcome.notifyStatus !== null ? { NotifySipResponseCode: String(outcome.notifyStatus) } : {}),
    };
    const action = ctx.callback(verb.action, verb.method);
    if (outcome.callerHungUp) return ctx.notifyAndEnd(action, params);
    if (status === "in-progress") {
      const told = ctx.notifyAndEnd(action, params);
      return { next: "end", commands: [...(told.next === "end" ? told.commands : []), { kind: "hangup", cause: "normal" }] };
    }
    return ctx.postTo(action, params);
  },
};
