// The first decision for a call: run the document it was given, or ask its URL for one.
import type { TVoiceDocument } from "../voice-document.schemas";
import type { Callback } from "./commands";
import { callParameters } from "./call-parameters";
import { fetchDocument, runFrom, type Decision } from "./run-verbs";
import { SESSION_STATE_VERSION, type DocumentSource, type SessionCall, type SessionState } from "./session-state";

export type StartSessionInput = {
  call: SessionCall;
  /** Asked once when a document cannot be fetched (the call's or the number's fallback URL). */
  fallback?: Callback | null;
  /** The document runs on a dialled leg before its bridge (whisper.ts). */
  whisper?: boolean;
} & ({ document: TVoiceDocument; source: DocumentSource } | { url: Callback });

export function startSession(input: StartSessionInput): Decision {
  const given = "document" in input;
  const state: SessionState = {
    version: SESSION_STATE_VERSION,
    call: input.call,
    document: given ? { verbs: input.document, source: input.source } : { verbs: [], source: { url: null, dialect: "json" } },
    verbIndex: 0,
    step: 0,
    awaiting: { kind: "ended" },
    fallback: input.fallback ?? null,
    documentsWithoutProgress: 0,
    ...(input.whisper ? { whisper: true as const } : {}),
  };
  if (given) return runFrom(state, 0);
  return fetchDocument(state, { url: input.url.url, method: input.url.method, params: callParameters(input.call) }, []);
}
