// The JSON Schema (2020-12) of the native voice document, as tenants write it (the input form: every default
// optional and shown as `default`). Published as the VoiceDocument component of the OpenAPI document.
import { z } from "zod";
import { ZVoiceDocument } from "./voice-document.schemas";

type JsonSchema = Record<string, unknown>;

/** Shown with the schema (zod leaves examples out of an input schema that holds transforms, so they are added here). */
export const VOICE_DOCUMENT_EXAMPLE = [
  { say: "Welcome to Acme." },
  { gather: [{ say: "For sales press 1, for support press 2." }], numDigits: 1, action: "https://example.com/menu" },
  { say: "We did not hear from you. Goodbye." },
];

let cached: JsonSchema | undefined;

export function voiceDocumentJsonSchema(): JsonSchema {
  cached ??= { ...(z.toJSONSchema(ZVoiceDocument, { io: "input", target: "draft-2020-12" }) as JsonSchema), examples: [VOICE_DOCUMENT_EXAMPLE] };
  return cached;
}

/** The same schema without `$schema`, to sit inside an OpenAPI 3.1 document (whose schemas are JSON Schema 2020-12). */
export function voiceDocumentOpenApiSchema(): JsonSchema {
  const { $schema: _dialect, ...schema } = voiceDocumentJsonSchema();
  return schema;
}
