// Contacts at the edge: ids, identities (normalised here, so every writer stores the same value), custom-field
// definitions, and the inputs of each use-case.
import { z } from "zod";
import { ZPageInput } from "@/server/shared/paging";

export const IDENTITY_KINDS = ["PHONE", "EMAIL", "WHATSAPP", "SLACK", "DISCORD", "TEAMS", "TELEGRAM"] as const;
export type IdentityKind = (typeof IDENTITY_KINDS)[number];
export const FIELD_TYPES = ["TEXT", "NUMBER", "DATE", "BOOLEAN", "SELECT"] as const;

export const ZContactId = z.string().regex(/^ct_[0-9a-z]{26}$/, "must be a contact id (ct_…)");
const E164 = /^\+[1-9]\d{6,14}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The stored form of an identity, or a message saying why it is not one: phones as E.164 (spaces, dashes, dots and
 * brackets dropped; 00 read as +), emails lower-cased, channel user ids trimmed.
 */
export function normalizeIdentity(kind: IdentityKind, raw: string): { value: string } | { error: string } {
  const value = raw.trim();
  if (!value) return { error: "is empty" };
  if (kind === "PHONE" || kind === "WHATSAPP") {
    const digits = value.replace(/[\s\-.()]/g, "").replace(/^00/, "+");
    return E164.test(digits) ? { value: digits } : { error: "must be an E.164 phone number (+14155550123)" };
  }
  if (kind === "EMAIL") return EMAIL.test(value) && value.length <= 254 ? { value: value.toLowerCase() } : { error: "must be an email address" };
  return /^\S{1,200}$/.test(value) ? { value } : { error: "must be a user id without spaces (at most 200 characters)" };
}

export const ZIdentityInput = z
  .object({ kind: z.enum(IDENTITY_KINDS), value: z.string().max(254) })
  .transform((identity, ctx) => {
    const normalized = normalizeIdentity(identity.kind, identity.value);
    if ("error" in normalized) {
      ctx.addIssue({ code: "custom", path: ["value"], message: `${identity.kind.toLowerCase()} ${normalized.error}` });
      return z.NEVER;
    }
    return { kind: identity.kind, value: normalized.value };
  });
export type TIdentityInput = z.input<typeof ZIdentityInput>;

const ZTag = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[^,;]+$/, "tags cannot contain , or ;")
  .transform((t) => t.toLowerCase());
export const ZTags = z.array(ZTag).max(50).transform((tags) => [...new Set(tags)]);
export const ZCustomFieldValues = z.record(z.string(), z.unknown());

export const ZCreateContactInput = z.object({
  displayName: z.string().trim().min(1).max(200),
  company: z.string().trim().max(200).nullish(),
  tags: ZTags.optional(),
  customFields: ZCustomFieldValues.optional(),
  identities: z.array(ZIdentityInput).max(50).optional(),
});
export type TCreateContactInput = z.input<typeof ZCreateContactInput>;

export const ZUpdateContactInput = z.object({
  id: ZContactId,
  displayName: z.string().trim().min(1).max(200).optional(),
  company: z.string().trim().max(200).nullish(),
  tags: ZTags.optional(),
  /** Merged into the stored values; a null value removes that field. */
  customFields: ZCustomFieldValues.optional(),
});
export type TUpdateContactInput = z.input<typeof ZUpdateContactInput>;

export const ZContactIdInput = z.object({ id: ZContactId });
export type TContactIdInput = z.input<typeof ZContactIdInput>;

export const ZFindContactsInput = ZPageInput.extend({
  /** Part of the name or company, or an identity (a phone, an email...). */
  search: z.string().trim().max(200).optional(),
  /** Contacts carrying every one of these tags. */
  tags: ZTags.optional(),
});
export type TFindContactsInput = z.input<typeof ZFindContactsInput>;

export const ZAddContactIdentityInput = z.object({ contactId: ZContactId, identity: ZIdentityInput });
export type TAddContactIdentityInput = z.input<typeof ZAddContactIdentityInput>;
export const ZRemoveContactIdentityInput = z.object({ contactId: ZContactId, identityId: z.string().min(1).max(64) });
export type TRemoveContactIdentityInput = z.input<typeof ZRemoveContactIdentityInput>;

export const ZAddContactNoteInput = z.object({ contactId: ZContactId, body: z.string().trim().min(1).max(10_000) });
export type TAddContactNoteInput = z.input<typeof ZAddContactNoteInput>;
export const ZDeleteContactNoteInput = z.object({ contactId: ZContactId, noteId: z.string().min(1).max(64) });
export type TDeleteContactNoteInput = z.input<typeof ZDeleteContactNoteInput>;

export const ZFindOrCreateContactByIdentityInput = z.object({ identity: ZIdentityInput, displayName: z.string().trim().min(1).max(200).optional() });
export type TFindOrCreateContactByIdentityInput = z.input<typeof ZFindOrCreateContactByIdentityInput>;

export const ZMergeContactsInput = z
  .object({ survivorId: ZContactId, mergedId: ZContactId })
  .refine((m) => m.survivorId !== m.mergedId, { path: ["mergedId"], message: "a contact cannot be merged into itself" });
export type TMergeContactsInput = z.input<typeof ZMergeContactsInput>;
export const ZUndoContactMergeInput = z.object({ mergeId: z.string().regex(/^ctm_[0-9a-z]{26}$/, "must be a merge id (ctm_…)") });
export type TUndoContactMergeInput = z.input<typeof ZUndoContactMergeInput>;

export const ZCreateContactFieldInput = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, "lower snake case, starting with a letter, at most 40 characters"),
    label: z.string().trim().min(1).max(80),
    type: z.enum(FIELD_TYPES),
    options: z.array(z.string().trim().min(1).max(80)).max(100).optional(),
  })
  .refine((f) => f.type !== "SELECT" || (f.options?.length ?? 0) > 0, { path: ["options"], message: "a select field needs at least one option" });
export type TCreateContactFieldInput = z.input<typeof ZCreateContactFieldInput>;
export const ZDeleteContactFieldInput = z.object({ id: z.string().min(1).max(64) });
export type TDeleteContactFieldInput = z.input<typeof ZDeleteContactFieldInput>;

export const ZContactTimelineInput = z.object({
  contactId: ZContactId,
  /** The `nextCursor` of the previous page. */
  cursor: z.string().max(100).nullish(),
  limit: z.number().int().min(1).max(100).default(25),
});
export type TContactTimelineInput = z.input<typeof ZContactTimelineInput>;

/** Where a CSV column goes. */
export const ZImportTarget = z.union([
  z.enum(["display_name", "company", "tags", "note", "ignore"]),
  z.templateLiteral(["identity:", z.enum(IDENTITY_KINDS)]),
  z.templateLiteral(["field:", z.string().regex(/^[a-z][a-z0-9_]{0,39}$/)]),
]);
export type TImportTarget = z.infer<typeof ZImportTarget>;
export const ZImportMapping = z.record(z.string().min(1).max(200), ZImportTarget).refine((m) => Object.keys(m).length > 0 && Object.keys(m).length <= 200, "map at least one column");
export type TImportMapping = z.infer<typeof ZImportMapping>;

export const ZContactImportId = z.string().regex(/^ctimp_[0-9a-z]{26}$/, "must be an import id (ctimp_…)");
export const ZContactImportIdInput = z.object({ id: ZContactImportId });
