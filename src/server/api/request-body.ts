// Reading and decoding request bodies: a hard size limit (also for chunked bodies without Content-Length),
// JSON or form-encoded (Twilio's client libraries send `application/x-www-form-urlencoded`).
import type { z } from "zod";
import { AppError } from "@/server/errors";

export const BODY_CONTENT_TYPES = ["application/json", "application/x-www-form-urlencoded"] as const;

async function readLimited(req: Request, maxBytes: number): Promise<string> {
  const declared = req.headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) throw tooLarge(maxBytes);
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function tooLarge(maxBytes: number): AppError {
  return new AppError("PAYLOAD_TOO_LARGE", `request body is larger than the limit of ${maxBytes} bytes`, { details: { max_bytes: maxBytes } });
}

/** Unwraps optional/default/nullable/pipe wrappers to the type a form value must be turned into. */
function baseType(schema: z.ZodType): string {
  let s: z.ZodType = schema;
  for (let i = 0; i < 10; i++) {
    const def = s._zod.def as { type: string; innerType?: z.ZodType; in?: z.ZodType };
    if (def.innerType) s = def.innerType;
    else if (def.type === "pipe" && def.in) s = def.in;
    else return def.type;
  }
  return "unknown";
}

function formScalar(value: string, type: string): unknown {
  if (type === "number" || type === "int" || type === "bigint") return value.trim() !== "" && !Number.isNaN(Number(value)) ? Number(value) : value;
  // Case-insensitive, as Twilio reads them: its Python library sends "True", the Node one "true".
  if (type === "boolean") return /^true$/i.test(value) ? true : /^false$/i.test(value) ? false : value;
  if (type === "null") return value === "" ? null : value;
  return value;
}

/**
 * Form fields are all strings; turn them into what the schema's fields expect (numbers, booleans, and arrays
 * from repeated keys, as Twilio sends `StatusCallbackEvent=a&StatusCallbackEvent=b`). Unknown keys stay
 * strings so the strict schema still reports them.
 */
export function decodeForm(text: string, schema: z.ZodType | undefined): Record<string, unknown> {
  const params = new URLSearchParams(text);
  const shape = schema && (schema._zod.def as { shape?: Record<string, z.ZodType> }).shape;
  const out: Record<string, unknown> = {};
  for (const key of new Set(params.keys())) {
    const name = key.endsWith("[]") ? key.slice(0, -2) : key;
    const values = params.getAll(key);
    const field = shape?.[name];
    const type = field ? baseType(field) : "string";
    if (type === "array") {
      const element = (field && (unwrapArray(field)?._zod.def as { element?: z.ZodType } | undefined)?.element) ?? undefined;
      const elementType = element ? baseType(element) : "string";
      out[name] = values.map((v) => formScalar(v, elementType));
    } else {
      out[name] = values.length === 1 ? formScalar(values[0]!, type) : values;
    }
  }
  return out;
}

function unwrapArray(schema: z.ZodType): z.ZodType | undefined {
  let s: z.ZodType = schema;
  for (let i = 0; i < 10; i++) {
    const def = s._zod.def as { type: string; innerType?: z.ZodType; in?: z.ZodType };
    if (def.type === "array") return s;
    if (def.innerType) s = def.innerType;
    else if (def.type === "pipe" && def.in) s = def.in;
    else return undefined;
  }
  return undefined;
}

/**
 * The decoded body, or undefined when there is none. 415 for other media types, 413 when too large,
 * 400 for malformed JSON (with the parser's position) or a JSON value that is not an object.
 */
export async function readRequestBody(req: Request, opts: { maxBytes: number; schema: z.ZodType | undefined }): Promise<Record<string, unknown> | undefined> {
  const text = await readLimited(req, opts.maxBytes);
  if (text.trim() === "") return undefined;
  const contentType = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (contentType === "application/json" || contentType.endsWith("+json")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw new AppError("BAD_REQUEST", `malformed JSON in request body: ${(e as Error).message}`, { details: [{ field: "body", message: "malformed JSON" }] });
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
      throw new AppError("BAD_REQUEST", "request body must be a JSON object", { details: [{ field: "body", message: "expected a JSON object" }] });
    }
    return parsed as Record<string, unknown>;
  }
  if (contentType === "application/x-www-form-urlencoded") return decodeForm(text, opts.schema);
  throw new AppError("UNSUPPORTED_MEDIA_TYPE", `unsupported Content-Type "${contentType || "(none)"}"; send ${BODY_CONTENT_TYPES.join(" or ")}`, {
    details: { supported: [...BODY_CONTENT_TYPES] },
  });
}
