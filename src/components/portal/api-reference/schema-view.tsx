"use client";

import { Badge } from "@/components/ui/badge";
import type { JsonSchema } from "@/components/portal/api-reference/openapi-types";

type Schemas = Record<string, JsonSchema>;

export function resolve(schema: JsonSchema | undefined, schemas: Schemas): JsonSchema | undefined {
  let s = schema;
  for (let i = 0; s?.$ref && i < 10; i++) s = schemas[s.$ref.replace("#/components/schemas/", "")];
  return s;
}

/** A short type label: `string (date-time)`, `array of ApiKey`, `"active" | "revoked"`, `string | null`. */
export function typeLabel(schema: JsonSchema | undefined, schemas: Schemas): string {
  if (!schema) return "any";
  if (schema.$ref) return schema.$ref.replace("#/components/schemas/", "");
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return union.map((s) => typeLabel(s, schemas)).join(" | ");
  const type = Array.isArray(schema.type) ? schema.type.join(" | ") : schema.type;
  if (type === "array") return `array of ${typeLabel(schema.items, schemas)}`;
  if (type === "object" && !schema.properties && typeof schema.additionalProperties === "object") return `map of ${typeLabel(schema.additionalProperties, schemas)}`;
  return schema.format ? `${type} (${schema.format})` : (type ?? "any");
}

/** Text with `code` spans, as the OpenAPI descriptions are written. */
export function InlineCode({ text }: { text: string }) {
  return (
    <>
      {text.split(/(`[^`]+`)/g).map((part, i) =>
        part.startsWith("`") && part.endsWith("`") && part.length > 1 ? (
          <code key={i} className="rounded bg-muted px-1 font-mono text-[0.85em]">
            {part.slice(1, -1)}
          </code>
        ) : (
          part
        ),
      )}
    </>
  );
}

// zod's .int() adds the safe-integer range as bounds; they say nothing a reader needs.
const isSafeIntBound = (n: number | undefined) => n !== undefined && Math.abs(n) >= Number.MAX_SAFE_INTEGER;

function constraints(s: JsonSchema): string[] {
  const out: string[] = [];
  if (s.minLength !== undefined) out.push(`min length ${s.minLength}`);
  if (s.maxLength !== undefined) out.push(`max length ${s.maxLength}`);
  if (s.minimum !== undefined && !isSafeIntBound(s.minimum)) out.push(`≥ ${s.minimum}`);
  if (s.maximum !== undefined && !isSafeIntBound(s.maximum)) out.push(`≤ ${s.maximum}`);
  if (s.default !== undefined) out.push(`default ${JSON.stringify(s.default)}`);
  return out;
}

/** The nested object schema worth expanding under a property, if any (objects and arrays of objects). */
function nestedObject(schema: JsonSchema | undefined, schemas: Schemas): JsonSchema | undefined {
  const s = resolve(schema, schemas);
  if (!s) return undefined;
  if (s.properties) return s;
  const item = resolve(s.items, schemas);
  if (item?.properties) return item;
  const union = (s.anyOf ?? s.oneOf)?.map((u) => resolve(u, schemas)).find((u) => u?.properties);
  return union;
}

export function SchemaView({ schema, schemas, depth = 0 }: { schema: JsonSchema | undefined; schemas: Schemas; depth?: number }) {
  const s = resolve(schema, schemas);
  if (!s?.properties) return <p className="text-sm text-muted-foreground">{typeLabel(schema, schemas)}</p>;
  const required = new Set(s.required ?? []);
  return (
    <ul className={depth > 0 ? "mt-2 border-l pl-4" : "divide-y rounded-md border"}>
      {Object.entries(s.properties).map(([name, prop]) => {
        const resolved = resolve(prop, schemas) ?? prop;
        const nested = depth < 3 ? nestedObject(prop, schemas) : undefined;
        return (
          <li key={name} className={depth > 0 ? "py-1.5" : "px-3 py-2"}>
            <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
              <code className="font-mono text-sm font-medium">{name}</code>
              <span className="font-mono text-xs text-muted-foreground">{typeLabel(prop, schemas)}</span>
              {required.has(name) ? (
                <Badge variant="warning" className="px-1.5 py-0 text-[10px]">
                  required
                </Badge>
              ) : null}
              {constraints(resolved).map((c) => (
                <span key={c} className="text-xs text-muted-foreground">
                  {c}
                </span>
              ))}
            </div>
            {resolved.description && (
              <p className="mt-0.5 text-sm text-muted-foreground">
                <InlineCode text={resolved.description} />
              </p>
            )}
            {nested && <SchemaView schema={nested} schemas={schemas} depth={depth + 1} />}
          </li>
        );
      })}
    </ul>
  );
}
