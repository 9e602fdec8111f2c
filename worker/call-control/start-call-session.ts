// Starting and resuming a call's verb interpreter. On answer the call runs its document: the instructions it was
// created with (a native JSON document; the flat say/play/pause/hangup lists are documents too), or what its URL
// answers. A worker that adopts a live call after a restart resumes the stored state: it waits on the application
// the switch is still running when that can finish the verb (a bridge, a recording, a prompt), otherwise it starts
// the verb again; a state it cannot read ends the call cleanly with an apology, never dead air.
import { startSession } from "@/server/voice-documents/interpreter/start-session";
import { readSessionState, resumeSession } from "@/server/voice-documents/interpreter/resume-session";
import { leftBehindOnEnd } from "@/server/voice-documents/interpreter/queue-wait";
import { fail } from "@/server/voice-documents/interpreter/run-verbs";
import { SESSION_STATE_VERSION, type SessionCall, type SessionState } from "@/server/voice-documents/interpreter/session-state";
import type { RedirectRequest } from "@/server/calls/redirect-call";
import type { Decision } from "@/server/voice-documents/interpreter/run-verbs";
import { ZVoiceDocument, type TVoiceDocument } from "@/server/voice-documents/voice-document.schemas";
import type { TrackedChannel } from "../channel-table";
import { CallSession } from "./call-session";
import { conferenceTransfer } from "./conference-apps";
import type { Running, SessionHost, StoredSession } from "./session-ops";

export function sessionCallOf(channel: TrackedChannel): SessionCall {
  return {
    callSid: channel.callId,
    accountSid: channel.accountSid,
    from: channel.from,
    to: channel.to,
    direction: channel.whisperOf ? "outbound-dial" : channel.direction === "inbound" ? "inbound" : "outbound-api",
    status: "in-progress",
    ...(channel.answeredBy ? { answeredBy: channel.answeredBy } : {}),
    ...(channel.whisperOf ? { parentCallSid: channel.whisperOf } : {}),
  };
}

/** An empty state for a call whose document could not even start (the failure decision needs one). */
function bareState(call: SessionCall): SessionState {
  return {
    version: SESSION_STATE_VERSION,
    call,
    document: { verbs: [], source: { url: null, dialect: "json" } },
    verbIndex: 0,
    step: 0,
    awaiting: { kind: "verb" },
    fallback: null,
    documentsWithoutProgress: 0,
  };
}

/** Runs the call's document from its first verb. Nothing to run (no instructions, no URL): the call stays up. */
export function startCallSession(host: SessionHost, channel: TrackedChannel, answeredAt = 0): CallSession | null {
  const call = sessionCallOf(channel);
  let decision;
  if (channel.whisperOf) {
    // A dialled leg held for its own document: without one (machineDetection only) it is connected at once.
    const url = channel.url ? { url: channel.url, method: channel.urlMethod.toUpperCase() === "GET" ? ("GET" as const) : ("POST" as const) } : null;
    decision = url ? startSession({ call, url, whisper: true }) : startSession({ call, document: [], source: { url: null, dialect: "json" }, whisper: true });
  } else if (channel.instructions) {
    const parsed = ZVoiceDocument.safeParse(channel.instructions);
    decision = parsed.success
      ? startSession({ call, document: parsed.data, source: { url: null, dialect: "json" }, fallback: channel.fallback })
      : fail(bareState(call), 12100, `the call's instructions are not a voice document: ${parsed.error.issues[0]?.message ?? "invalid"}`, null);
  } else if (channel.url) {
    decision = startSession({ call, url: { url: channel.url, method: channel.urlMethod.toUpperCase() === "GET" ? "GET" : "POST" }, fallback: channel.fallback });
  } else if (channel.flowId) {
    return startFlowSession(host, channel, call, answeredAt);
  } else {
    return null;
  }
  // SendDigits: the called party hears the keys first (an extension behind an auto attendant), then the document.
  if (channel.sendDigits) decision = { ...decision, commands: [{ kind: "playDigits" as const, digits: channel.sendDigits }, ...decision.commands] };
  const session = new CallSession(host, channel);
  channel.session = session;
  void session.begin(decision, answeredAt);
  return session;
}

/** The words a caller hears when the number's (or the call's) flow has no published version. */
const FLOW_NOT_PUBLISHED: TVoiceDocument = ZVoiceDocument.parse([{ say: "We are sorry, this number is not in service yet. Goodbye." }, { hangup: true }]);

/**
 * A call that runs a flow: its published version's first step, looked up once on answer; every later step's URL names
 * that version, so the call keeps the version it started with.
 */
function startFlowSession(host: SessionHost, channel: TrackedChannel, call: SessionCall, answeredAt: number): CallSession {
  const session = new CallSession(host, channel);
  channel.session = session;
  void host.voice
    .flowEntryUrl({ tenantId: channel.tenantId, flowId: channel.flowId! })
    .catch((err: unknown) => {
      host.log.error({ err, callId: channel.callId }, "could not look the call's flow up");
      return null;
    })
    .then((url) =>
      session.begin(
        url ? startSession({ call, url: { url, method: "POST" }, fallback: channel.fallback }) : startSession({ call, document: FLOW_NOT_PUBLISHED, source: { url: null, dialect: "json" } }),
        answeredAt,
      ),
    );
  return session;
}

function readStored(stored: unknown): StoredSession | null {
  if (!stored || typeof stored !== "object") return null;
  const state = readSessionState((stored as { state?: unknown }).state);
  if (!state) return null;
  const running = (stored as { running?: unknown }).running;
  return { state, running: running && typeof running === "object" ? (running as Running) : null };
}

/** Applications the interpreter can wait on across a restart: their CHANNEL_EXECUTE_COMPLETE still comes. */
const RESUMABLE_APPS: Record<Running["kind"], string[]> = { dial: ["bridge"], record: ["record"], conference: ["conference"], prompt: [], collect: [], stream: [], refer: [], dequeuedBridge: [] };

/**
 * A live call adopted after a restart. `currentApplication` is what the switch runs on the channel now
 * (uuid_dump's variable_current_application).
 */
export function resumeCallSession(host: SessionHost, channel: TrackedChannel, stored: unknown, currentApplication: string | null): CallSession {
  const session = new CallSession(host, channel);
  channel.session = session;
  const read = readStored(stored);
  if (read) fillChannelFromState(channel, read);
  if (!read) {
    const call = sessionCallOf(channel);
    void session.begin(fail(bareState(call), 12400, "the call's interpreter state could not be read after a worker restart", null));
    return session;
  }
  const { state, running } = read;
  if (state.awaiting.kind === "ended") return session;
  if (running && currentApplication && RESUMABLE_APPS[running.kind].includes(currentApplication)) {
    session.adopt(read);
    return session;
  }
  if (running?.kind === "stream") {
    // The tenant's socket and the switch's unicast link died with the previous worker, and the switch's park loop
    // would not take a new link up: the stream ends (reported) and the document goes on.
    session.adopt({ state, running: null });
    session.deliverLater({ kind: "failed", step: running.step, code: 12400, message: "<Connect><Stream>: the stream ended with a worker restart" });
    return session;
  }
  session.adopt({ state, running: null });
  void session.replace((current) => (current ? resumeSession(current) : null));
  return session;
}

/** The call's identity, from the stored state (an adopted channel knows only its ids). */
function fillChannelFromState(channel: TrackedChannel, { state }: StoredSession): void {
  channel.accountSid ||= state.call.accountSid;
  channel.from ||= state.call.from;
  channel.to ||= state.call.to;
}

/**
 * A decision whose steps continue after `after`'s, so a late outcome of the replaced document can never match.
 * `keepAgent`: the agent's leg moves with the call (a consultation), so the ACD's offer does not end here.
 */
function continuing(decision: Decision, after: SessionState | null, keepAgent = false): Decision {
  if (!after) return decision;
  // A caller taken out of a queue by the change leaves it, and the Enqueue's action hears `redirected`.
  const left = leftBehindOnEnd(after, "redirected").filter((c) => !(keepAgent && c.kind === "agentOfferEnded" && c.answered));
  return { commands: [...left, ...decision.commands], state: { ...decision.state, step: decision.state.step + after.step + 1, fallback: decision.state.fallback ?? after.fallback } };
}

/** A live change (redirect-call.ts): whatever runs stops, and the call runs the new document (or URL) at once. */
export function redirectCallSession(host: SessionHost, channel: TrackedChannel, request: RedirectRequest): CallSession {
  const session = channel.session ?? new CallSession(host, channel);
  channel.session = session;
  // A consultation: the leg bridged to the call goes into the room the new document joins, instead of being hung up.
  const moveBridgedLeg = request.bridgedLegTo
    ? conferenceTransfer(channel.tenantId, { name: request.bridgedLegTo.conference, startOnEnter: true, endOnExit: request.bridgedLegTo.endConferenceOnExit, muted: false })
    : undefined;
  void session.replace((current) => {
    const call = current?.call ?? sessionCallOf(channel);
    const decision =
      "url" in request ? startSession({ call, url: { url: request.url, method: request.method } }) : startSession({ call, document: request.document, source: { url: null, dialect: request.dialect } });
    return continuing(decision, current, moveBridgedLeg !== undefined || request.keepAgentOffer === true);
  }, moveBridgedLeg);
  return session;
}
