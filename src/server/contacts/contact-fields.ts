// Custom-field values checked against the tenant's definitions: unknown names and values of the wrong type are a
// 400 naming the field; dates are stored as YYYY-MM-DD, numbers as numbers, booleans as booleans.
import type { ContactFieldType } from "@/generated/prisma/enums";
import type { DbOrTx } from "@/server/db";

export interface FieldDefinition {
  name: string;
  type: ContactFieldType;
  options: string[];
}

export async function loadFieldDefinitions(tx: DbOrTx, tenantId: string): Promise<Map<string, FieldDefinition>> {
  const defs = await tx.contactFieldDefinition.findMany({ where: { tenantId }, select: { name: true, type: true, options: true } });
  return new Map(defs.map((d) => [d.name, d]));
}

/** One value as stored, or why it is not one. Strings are read the way a CSV cell gives them. */
export function coerceFieldValue(def: FieldDefinition, raw: unknown): { value: unknown } | { error: string } {
  switch (def.type) {
    case "TEXT":
      return typeof raw === "string" && raw.length <= 2000 ? { value: raw } : { error: "must be text of at most 2000 characters" };
    case "NUMBER": {
      const n = typeof raw === "number" ? raw : typeof raw === "string" && raw.trim() !== "" ? Number(raw) : NaN;
      return Number.isFinite(n) ? { value: n } : { error: "must be a number" };
    }
    case "DATE": {
      const s = typeof raw === "string" ? raw.trim() : "";
      const ok = /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
      return ok ? { value: s } : { error: "must be a date as YYYY-MM-DD" };
    }
    case "BOOLEAN": {
      if (typeof raw === "boolean") return { value: raw };
      const s = typeof raw === "string" ? raw.trim().toLowerCase() : "";
      if (["true", "yes", "1"].includes(s)) return { value: true };
      if (["false", "no", "0"].includes(s)) return { value: false };
      return { error: "must be true or false" };
    }
    case "SELECT":
      return typeof raw === "string" && def.options.includes(raw) ? { value: raw } : { error: `must be one of ${def.options.join(", ")}` };
  }
}

/**
 * `values` applied over `current`: each checked against its definition; null removes a field. Returns the new values
 * or the first error as { field, message }.
 */
export function applyFieldValues(
  defs: Map<string, FieldDefinition>,
  current: Record<string, unknown>,
  values: Record<string, unknown>,
): { fields: Record<string, unknown> } | { field: string; message: string } {
  const fields = { ...current };
  for (const [name, raw] of Object.entries(values)) {
    const def = defs.get(name);
    if (!def) return { field: `customFields.${name}`, message: "is not a custom field of this account" };
    if (raw === null) {
      delete fields[name];
      continue;
    }
    const coerced = coerceFieldValue(def, raw);
    if ("error" in coerced) return { field: `customFields.${name}`, message: coerced.error };
    fields[name] = coerced.value;
  }
  return { fields };
}
