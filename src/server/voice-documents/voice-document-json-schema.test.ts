import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/server/api/openapi";
import { parseVoiceDocument } from "./parse-voice-document";
import { VOICE_DOCUMENT_EXAMPLE, voiceDocumentJsonSchema, voiceDocumentOpenApiSchema } from "./voice-document-json-schema";
import { VERB_NAMES } from "./voice-document.schemas";

interface ObjectSchema {
  type: string;
  properties: Record<string, { default?: unknown; anyOf?: unknown[] }>;
  required?: string[];
  additionalProperties?: boolean;
}

describe("the published JSON Schema of the voice document", () => {
  const schema = voiceDocumentJsonSchema() as { $schema: string; type: string; maxItems: number; items: { anyOf: ObjectSchema[] } };
  const verb = (name: string) => schema.items.anyOf.find((option) => option.required?.includes(name))!;

  it("is JSON Schema 2020-12: a list of at most 100 verbs, one strict object per verb, keyed by its verb", () => {
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema).toMatchObject({ type: "array", maxItems: 100 });
    expect(schema.items.anyOf).toHaveLength(VERB_NAMES.length);
    for (const name of VERB_NAMES) expect(verb(name), name).toMatchObject({ type: "object", required: [name], additionalProperties: false });
  });

  it("carries an example that is a valid document", () => {
    expect((schema as unknown as { examples: unknown[] }).examples).toEqual([VOICE_DOCUMENT_EXAMPLE]);
    expect(parseVoiceDocument(VOICE_DOCUMENT_EXAMPLE).ok).toBe(true);
  });

  it("shows Twilio's defaults as the input form's defaults", () => {
    expect(verb("say").properties.loop?.default).toBe(1);
    expect(verb("say").properties.language?.default).toBe("en-US");
    expect(verb("gather").properties.timeout?.default).toBe(5);
    expect(verb("gather").properties.finishOnKey?.default).toBe("#");
    expect(verb("record").properties.finishOnKey?.default).toBe("1234567890*#");
    expect(verb("dial").properties.timeout?.default).toBe(30);
    expect(verb("dial").properties.dial?.anyOf).toHaveLength(2);
  });

  it("is the VoiceDocument component of the OpenAPI document, and the calls API's instructions point to it", () => {
    const doc = buildOpenApiDocument() as unknown as {
      components: { schemas: Record<string, unknown> };
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties: Record<string, { description?: string }> } }> } }>>;
    };
    expect(doc.components.schemas.VoiceDocument).toEqual(voiceDocumentOpenApiSchema());
    expect(doc.components.schemas.VoiceDocument).not.toHaveProperty("$schema");
    const body = doc.paths["/api/v1/calls"]!.post!.requestBody!.content["application/json"]!.schema;
    expect(body.properties.instructions?.description).toContain("`VoiceDocument` schema");
  });
});
