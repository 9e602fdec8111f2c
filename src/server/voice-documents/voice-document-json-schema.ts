// The JSON Schema (2020-12) of the native voice document, as tenants write it (the input form: every default
// optional and shown as `default`). Published as the VoiceDocument component of the OpenAPI document.
import { z } from "zod";
import { ZVoiceDocument } from "./voice-document.schemas";

type JsonSchema = Record<string, unknown>;

let cached: JsonSchema | undefined;

export function voiceDocumentJsonSchema(): JsonSchema {
  cached ??= z.toJSONSchema(ZVoiceDocument, { io: "input", target: "draft-2020-12" }) as JsonSchema;
  return cached;
}

/** The same schema without `$schema`, to sit inside an OpenAPI 3.1 document (whose schemas are JSON Schema 2020-12). */
export function voiceDocumentOpenApiSchema(): JsonSchema {
  const { $schema: _dialect, ...schema } = voiceDocumentJsonSchema();
  return schema;
}
