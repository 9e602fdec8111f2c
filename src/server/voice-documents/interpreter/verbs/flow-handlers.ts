// hangup and reject end the call; redirect replaces the document with the application's answer; enqueue, leave and
// refer are part of the model but cannot run yet (queues come with the agent desktop, refer with the real switch):
// they are refused as an application error, reported to the debugger, never skipped.
import type { VerbOf } from "../../voice-document.schemas";
import type { Next, VerbHandler } from "../verb-handler";

export const hangupHandler: VerbHandler<VerbOf<"hangup">> = { begin: () => ({ next: "end", commands: [{ kind: "hangup", cause: "normal" }] }) };

export const rejectHandler: VerbHandler<VerbOf<"reject">> = { begin: (verb) => ({ next: "end", commands: [{ kind: "reject", reason: verb.reason }] }) };

export const redirectHandler: VerbHandler<VerbOf<"redirect">> = {
  begin: (verb, ctx) => ({ next: "fetch", commands: [], request: { url: ctx.resolve(verb.redirect), method: verb.method, params: ctx.params() } }),
};

/** Twilio's schema-validation code: the document names something this platform does not run. */
const notYet = (verb: string): Next => ({ next: "fail", code: 12200, message: `${verb} cannot run yet on IRISX` });

export const enqueueHandler: VerbHandler<VerbOf<"enqueue">> = { begin: () => notYet("enqueue") };
export const leaveHandler: VerbHandler<VerbOf<"leave">> = { begin: () => notYet("leave") };
export const referHandler: VerbHandler<VerbOf<"refer">> = { begin: () => notYet("refer") };
