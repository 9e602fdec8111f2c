// How a verb runs, told to the engine (run-verbs.ts): what to do when the verb starts and, for a verb that waits,
// what its outcome leads to. Handlers are pure: they read the verb, the outcome and the context, and say what next.
import type { Callback, Command } from "./commands";
import { callParameters, type RequestParameters } from "./call-parameters";
import type { Outcome } from "./outcomes";
import type { DocumentSource, FetchRequest, QueueResult, QueueState, SessionCall } from "./session-state";

export type Next =
  /** Wait for the outcome of the last command. */
  | { next: "await"; commands: Command[] }
  /** Run the next verb of the document. */
  | { next: "continue"; commands: Command[] }
  /** Ask the application; its answer replaces the document. */
  | { next: "fetch"; commands: Command[]; request: FetchRequest }
  /** The call ends here (the commands include the hangup or reject). */
  | { next: "end"; commands: Command[] }
  /** An application error: reported, apologised for, and the call ends. */
  | { next: "fail"; code: number; message: string }
  /** The call joined the queue `queueSid`: its wait starts (queue-wait.ts). */
  | { next: "enterQueue"; queueSid: string }
  /** The call leaves its queue; the Enqueue's action hears `result` (queue-wait.ts). */
  | { next: "leaveQueue"; result: QueueResult };

export interface VerbHandler<V> {
  begin(verb: V, ctx: VerbContext): Next;
  /** What the awaited outcome leads to; null when the outcome does not answer this verb (it is then ignored). */
  complete?(verb: V, outcome: Outcome, ctx: VerbContext): Next | null;
}

/** A URL relative to a document that has none (inline instructions): Twilio's 11100, invalid URL format. */
export class UnresolvableUrlError extends Error {
  readonly code = 11100;
}

export class VerbContext {
  constructor(
    readonly call: SessionCall,
    readonly source: DocumentSource,
    readonly verbIndex: number,
    /** The queue the caller waits in while this (wait) document runs. */
    readonly queue: QueueState | null = null,
  ) {}

  resolve(url: string): string {
    try {
      return new URL(url, this.source.url ?? undefined).toString();
    } catch {
      throw new UnresolvableUrlError(`${url} is relative, but the document has no URL to resolve it against`);
    }
  }

  callback(url: string | undefined, method: "GET" | "POST"): Callback | null {
    return url === undefined ? null : { url: this.resolve(url), method };
  }

  params(extra: RequestParameters = {}): RequestParameters {
    return { ...callParameters(this.call), ...extra };
  }

  /**
   * Where a gather's or record's outcome is posted: its action; without one, TwiML posts to the document's own URL
   * (Twilio's default) and JSON goes on with the next verb. Null: go on.
   */
  actionTarget(action: string | undefined, method: "GET" | "POST"): Callback | null {
    if (action !== undefined) return this.callback(action, method);
    return this.source.dialect === "twiml" && this.source.url ? { url: this.source.url, method } : null;
  }

  /** Fetch `target` with the call's parameters and `extra`, or run the next verb when there is no target. */
  postTo(target: Callback | null, extra: RequestParameters, commands: Command[] = []): Next {
    if (!target) return { next: "continue", commands };
    return { next: "fetch", commands, request: { url: target.url, method: target.method, params: this.params(extra) } };
  }

  /** The caller hung up: the target hears of it (CallStatus completed; its answer is ignored) and nothing more runs. */
  notifyAndEnd(target: Callback | null, extra: RequestParameters): Next {
    if (!target) return { next: "end", commands: [] };
    const params = { ...callParameters({ ...this.call, status: "completed" }), ...extra };
    return { next: "end", commands: [{ kind: "notify", url: target.url, method: target.method, params }] };
  }
}

/** A failed command is reported, and the document goes on. */
export function reportAndContinue(outcome: Extract<Outcome, { kind: "failed" }>, ctx: VerbContext): Next {
  return { next: "continue", commands: [{ kind: "reportError", code: outcome.code, message: outcome.message, verbIndex: ctx.verbIndex }] };
}
