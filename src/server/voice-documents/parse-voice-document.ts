// A native JSON voice document checked against the verb model: the document with every default filled, or each
// problem with the dotted path of the field at fault (`2.gather.0.loop`), as the REST API names fields in a 400.
import { explainIssues } from "./verbs/keyed-union";
import { ZVoiceDocument, type TVoiceDocument } from "./voice-document.schemas";

export interface VoiceDocumentIssue {
  /** Dotted path from the document's root: the verb's index, then its fields (`1.numDigits`). "" is the document. */
  path: string;
  message: string;
}

export type ParseVoiceDocumentResult = { ok: true; document: TVoiceDocument } | { ok: false; issues: VoiceDocumentIssue[] };

export function parseVoiceDocument(value: unknown): ParseVoiceDocumentResult {
  const parsed = ZVoiceDocument.safeParse(value);
  if (parsed.success) return { ok: true, document: parsed.data };
  const issues = explainIssues(parsed.error.issues, value).map((issue) => {
    const path = issue.path.map(String).join(".");
    const isVerbSlot = issue.path.length === 1 && Array.isArray(value);
    const notAnObject = isVerbSlot && issue.code === "custom" && (typeof value[Number(issue.path[0])] !== "object" || value[Number(issue.path[0])] === null);
    return { path, message: notAnObject ? 'must be a verb object such as { "say": "Hello" }' : issue.message };
  });
  return { ok: false, issues };
}
