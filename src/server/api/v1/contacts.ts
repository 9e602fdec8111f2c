import { z } from "zod";
import { defineRoute } from "@/server/api/define-route";
import { listOf, toList } from "@/server/api/paging";
import { addContactIdentity } from "@/server/contacts/add-contact-identity";
import type { ContactImportView } from "@/server/contacts/contact-import-view";
import type { ContactView } from "@/server/contacts/contact-view";
import { IDENTITY_KINDS, ZContactId, ZContactImportId, ZImportMapping } from "@/server/contacts/contacts.schemas";
import { createContact } from "@/server/contacts/create-contact";
import { createContactImport } from "@/server/contacts/create-contact-import";
import { deleteContact } from "@/server/contacts/delete-contact";
import { findContactTimeline } from "@/server/contacts/find-contact-timeline";
import { findContacts } from "@/server/contacts/find-contacts";
import { getContact } from "@/server/contacts/get-contact";
import { getContactImport } from "@/server/contacts/get-contact-import";
import { mergeContacts } from "@/server/contacts/merge-contacts";
import { removeContactIdentity } from "@/server/contacts/remove-contact-identity";
import { undoContactMerge } from "@/server/contacts/undo-contact-merge";
import { updateContact } from "@/server/contacts/update-contact";

const TAG = "Contacts";
const ZIdentityKindParam = z.enum(IDENTITY_KINDS.map((k) => k.toLowerCase()) as [string, ...string[]]);
const ZIdentityResource = z.object({ id: z.string(), kind: ZIdentityKindParam, value: z.string().meta({ example: "+14155550123" }) }).meta({ id: "ContactIdentity" });
const ZContactResource = z
  .object({
    id: z.string().meta({ example: "ct_01jd8x3k6q2m4f7b9c0s5t1v2w" }),
    display_name: z.string().meta({ example: "Ada Lovelace" }),
    company: z.string().nullable(),
    tags: z.array(z.string()),
    custom_fields: z.record(z.string(), z.unknown()).meta({ description: "Values of the account's custom fields, by name" }),
    identities: z.array(ZIdentityResource),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: "Contact" });

const toContactResource = (c: ContactView): z.input<typeof ZContactResource> => ({
  id: c.id,
  display_name: c.displayName,
  company: c.company,
  tags: c.tags,
  custom_fields: c.customFields,
  identities: c.identities.map((i) => ({ id: i.id, kind: i.kind.toLowerCase(), value: i.value })),
  created_at: c.createdAt.toISOString(),
  updated_at: c.updatedAt.toISOString(),
});

const ZIdentityBody = z.strictObject({
  kind: ZIdentityKindParam.meta({ description: "phone (E.164), email, whatsapp (E.164), slack, discord, teams or telegram (user ids)" }),
  value: z.string().max(254).meta({ example: "+14155550123" }),
});
const toIdentity = (i: z.output<typeof ZIdentityBody>) => ({ kind: i.kind.toUpperCase() as (typeof IDENTITY_KINDS)[number], value: i.value });

const ZContactParams = z.strictObject({ id: ZContactId.meta({ description: "Contact id", example: "ct_01jd8x3k6q2m4f7b9c0s5t1v2w" }) });
const ZContactBody = z.strictObject({
  display_name: z.string().max(200).meta({ example: "Ada Lovelace" }),
  company: z.string().max(200).nullable().optional(),
  tags: z.array(z.string().max(40)).max(50).optional().meta({ example: ["vip"] }),
  custom_fields: z.record(z.string(), z.unknown()).optional().meta({ description: "By custom-field name; each value checked against the field's type. null removes a value (on update)." }),
});

export const listContactsRoute = defineRoute(
  {
    method: "GET",
    path: "/api/v1/contacts",
    operationId: "listContacts",
    tag: TAG,
    summary: "List contacts",
    description: "Newest first. `search` matches part of the name or company, or an identity exactly (a phone in any common format, an email in any case); `tag` (repeatable) keeps contacts carrying every tag given.",
    scope: "contacts:read",
    query: z.strictObject({
      limit: z.coerce.number().int().min(1).max(100).default(50),
      starting_after: z.string().max(64).optional(),
      search: z.string().max(200).optional(),
      tag: z.union([z.string().max(40), z.array(z.string().max(40)).max(20)]).optional(),
    }),
    response: listOf(ZContactResource, "ContactList"),
  },
  async ({ actor, query }) =>
    toList(
      await findContacts(actor, { limit: query.limit, cursor: query.starting_after, search: query.search, tags: query.tag === undefined ? undefined : [query.tag].flat() }),
      toContactResource,
    ),
);

export const createContactRoute = defineRoute(
  {
    method: "POST",
    path: "/api/v1/contacts",
    operationId: "createContact",
    tag: TAG,
    summary: "Create a contact",
    description: "An identity another contact already holds is refused (409, naming that contact): merge them instead.",
    scope: "contacts:write",
    body: ZContactBody.extend({ identities: z.array(ZIdentityBody).max(50).optional() }),
    response: ZContactResource,
    status: 201,
    example: { display_name: "Ada Lovelace", company: "Analytical Engines", tags: ["vip"], identities: [{ kind: "phone", value: "+14155550123" }, { kind: "email", value: "ada@example.com" }] },
  },
  async ({ actor, body }) =>
    toContactResource(
      await createContact(actor, { displayName: body.display_name, company: body.company, tags: body.tags, customFields: body.custom_fields, identities: body.identities?.map(toIdentity) }),
    ),
);

export const getContactRoute = defineRoute(
  { method: "GET", path: "/api/v1/contacts/{id}", operationId: "getContact", tag: TAG, summary: "Retrieve a contact", scope: "contacts:read", params: ZContactParams, response: ZContactResource },
  async ({ actor, params }) => toContactResource(await getContact(actor, { id: params.id })),
);

export const updateContactRoute = defineRoute(
  {
    method: "PATCH",
    path: "/api/v1/contacts/{id}",
    operationId: "updateContact",
    tag: TAG,
    summary: "Update a contact",
    description: "Changes the fields given; custom_fields are merged into the stored ones.",
    scope: "contacts:write",
    params: ZContactParams,
    body: ZContactBody.partial(),
    response: ZContactResource,
    example: { tags: ["vip", "renewal"] },
  },
  async ({ actor, params, body }) =>
    toContactResource(await updateContact(actor, { id: params.id, displayName: body.display_name, company: body.company, tags: body.tags, customFields: body.custom_fields })),
);

export const deleteContactRoute = defineRoute(
  { method: "DELETE", path: "/api/v1/contacts/{id}", operationId: "deleteContact", tag: TAG, summary: "Delete a contact", description: "With its identities and notes; calls stay.", scope: "contacts:write", params: ZContactParams, response: ZContactResource },
  async ({ actor, params }) => toContactResource(await deleteContact(actor, { id: params.id })),
);

export const addContactIdentityRoute = defineRoute(
  {
    method: "POST",
    path: "/api/v1/contacts/{id}/identities",
    operationId: "addContactIdentity",
    tag: TAG,
    summary: "Add an identity to a contact",
    description: "409 when another contact holds it (the error's details name that contact).",
    scope: "contacts:write",
    params: ZContactParams,
    body: ZIdentityBody,
    response: ZContactResource,
    status: 201,
    example: { kind: "whatsapp", value: "+14155550123" },
  },
  async ({ actor, params, body }) => toContactResource(await addContactIdentity(actor, { contactId: params.id, identity: toIdentity(body) })),
);

export const removeContactIdentityRoute = defineRoute(
  {
    method: "DELETE",
    path: "/api/v1/contacts/{id}/identities/{identity_id}",
    operationId: "removeContactIdentity",
    tag: TAG,
    summary: "Remove an identity from a contact",
    scope: "contacts:write",
    params: ZContactParams.extend({ identity_id: z.string().min(1).max(64) }),
    response: ZContactResource,
  },
  async ({ actor, params }) => toContactResource(await removeContactIdentity(actor, { contactId: params.id, identityId: params.identity_id })),
);

const ZMergeResource = z.object({ merge_id: z.string().meta({ description: "Pass to the undo route to restore both contacts" }), contact: ZContactResource }).meta({ id: "ContactMerge" });

export const mergeContactsRoute = defineRoute(
  {
    method: "POST",
    path: "/api/v1/contacts/{id}/merge",
    operationId: "mergeContacts",
    tag: TAG,
    summary: "Merge another contact into this one",
    description: "Identities and notes move to this contact, tags are united, missing fields filled; the other contact is deleted. Undo with `POST /api/v1/contact-merges/{id}/undo`.",
    scope: "contacts:write",
    params: ZContactParams,
    body: z.strictObject({ merged_id: ZContactId.meta({ description: "The contact folded into this one" }) }),
    response: ZMergeResource,
    example: { merged_id: "ct_01jd8x3k6q2m4f7b9c0s5t1v2x" },
  },
  async ({ actor, params, body }) => {
    const r = await mergeContacts(actor, { survivorId: params.id, mergedId: body.merged_id });
    return { merge_id: r.mergeId, contact: toContactResource(r.contact) };
  },
);

export const undoContactMergeRoute = defineRoute(
  {
    method: "POST",
    path: "/api/v1/contact-merges/{id}/undo",
    operationId: "undoContactMerge",
    tag: TAG,
    summary: "Undo a merge",
    description: "Both contacts come back exactly as they were, with their identities and notes. Only a contact's latest merge can be undone.",
    scope: "contacts:write",
    params: z.strictObject({ id: z.string().min(1).max(64) }),
    response: z.object({ survivor: ZContactResource, restored: ZContactResource }).meta({ id: "ContactMergeUndone" }),
  },
  async ({ actor, params }) => {
    const r = await undoContactMerge(actor, { mergeId: params.id });
    return { survivor: toContactResource(r.survivor), restored: toContactResource(r.restored) };
  },
);

const ZTimelineItem = z.object({ type: z.string().meta({ description: "call or voicemail (message to come)" }), id: z.string(), at: z.iso.datetime(), data: z.record(z.string(), z.unknown()) }).meta({ id: "ContactTimelineItem" });

export const listContactTimelineRoute = defineRoute(
  {
    method: "GET",
    path: "/api/v1/contacts/{id}/timeline",
    operationId: "listContactTimeline",
    tag: TAG,
    summary: "A contact's timeline",
    description: "Every call from or to the contact's phones (with recordings) and their voicemail, newest first.",
    scope: "contacts:read",
    params: ZContactParams,
    query: z.strictObject({ limit: z.coerce.number().int().min(1).max(100).default(25), starting_after: z.string().max(100).optional() }),
    response: listOf(ZTimelineItem, "ContactTimeline"),
  },
  async ({ actor, params, query }) => {
    const page = await findContactTimeline(actor, { contactId: params.id, limit: query.limit, cursor: query.starting_after });
    return { data: page.items.map((i) => ({ ...i, at: i.at.toISOString() })), has_more: page.hasMore, next_starting_after: page.nextCursor };
  },
);

const ZImportResource = z
  .object({
    id: z.string(),
    file_name: z.string(),
    status: z.enum(["queued", "running", "completed", "failed"]),
    progress: z.number().meta({ description: "0 to 1, by bytes read" }),
    rows_processed: z.number().int(),
    rows_created: z.number().int(),
    rows_updated: z.number().int(),
    rows_failed: z.number().int(),
    error: z.string().nullable(),
    created_at: z.iso.datetime(),
    completed_at: z.iso.datetime().nullable(),
  })
  .meta({ id: "ContactImport" });
const toImportResource = (i: ContactImportView): z.input<typeof ZImportResource> => ({
  id: i.id,
  file_name: i.fileName,
  status: i.status.toLowerCase() as "queued",
  progress: i.progress,
  rows_processed: i.rowsProcessed,
  rows_created: i.rowsCreated,
  rows_updated: i.rowsUpdated,
  rows_failed: i.rowsFailed,
  error: i.error,
  created_at: i.createdAt.toISOString(),
  completed_at: i.completedAt?.toISOString() ?? null,
});

export const createContactImportRoute = defineRoute(
  {
    method: "POST",
    path: "/api/v1/contact-imports",
    operationId: "createContactImport",
    tag: TAG,
    summary: "Import contacts from CSV",
    description:
      "Queues the file for the import job, which reads it in batches: rows sharing an identity with a contact update (or merge) it, others create contacts. `mapping` maps each header to display_name, company, tags, note, identity:<KIND> or field:<name>. Poll the import for progress; bad rows are listed by row number.",
    scope: "contacts:write",
    body: z.strictObject({ file_name: z.string().max(200).default("contacts.csv"), csv: z.string().min(1).meta({ description: "The file's text, header first" }), mapping: ZImportMapping }),
    response: ZImportResource,
    status: 201,
    example: { file_name: "crm.csv", csv: "Name,Mobile\nAda,+14155550123\n", mapping: { Name: "display_name", Mobile: "identity:PHONE" } },
  },
  async ({ actor, body }) => toImportResource(await createContactImport(actor, { fileName: body.file_name, csv: body.csv, mapping: body.mapping })),
);

export const getContactImportRoute = defineRoute(
  {
    method: "GET",
    path: "/api/v1/contact-imports/{id}",
    operationId: "getContactImport",
    tag: TAG,
    summary: "An import's status",
    scope: "contacts:read",
    params: z.strictObject({ id: ZContactImportId }),
    response: ZImportResource.extend({ errors: z.array(z.object({ row: z.number().int(), field: z.string(), message: z.string() })).meta({ description: "The first 20 bad rows" }) }).meta({ id: "ContactImportStatus" }),
  },
  async ({ actor, params }) => {
    const i = await getContactImport(actor, { id: params.id });
    return { ...toImportResource(i), errors: i.firstErrors.map((e) => ({ row: e.rowNumber, field: e.field, message: e.message })) };
  },
);
