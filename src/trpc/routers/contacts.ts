import { z } from "zod";
import { addContactIdentity } from "@/server/contacts/add-contact-identity";
import { addContactNote } from "@/server/contacts/add-contact-note";
import { CONTACT_ADMIN_ROLE, CONTACT_READ_ROLE, CONTACT_WRITE_ROLE } from "@/server/contacts/contact-view";
import {
  ZAddContactIdentityInput,
  ZAddContactNoteInput,
  ZContactIdInput,
  ZContactImportIdInput,
  ZContactTimelineInput,
  ZCreateContactFieldInput,
  ZCreateContactInput,
  ZDeleteContactFieldInput,
  ZDeleteContactNoteInput,
  ZFindContactsInput,
  ZMergeContactsInput,
  ZRemoveContactIdentityInput,
  ZUndoContactMergeInput,
  ZUpdateContactInput,
} from "@/server/contacts/contacts.schemas";
import { createContact } from "@/server/contacts/create-contact";
import { createContactField } from "@/server/contacts/create-contact-field";
import { deleteContact } from "@/server/contacts/delete-contact";
import { deleteContactField } from "@/server/contacts/delete-contact-field";
import { deleteContactNote } from "@/server/contacts/delete-contact-note";
import { findContactFields } from "@/server/contacts/find-contact-fields";
import { findContactImports } from "@/server/contacts/find-contact-imports";
import { findContactTimeline } from "@/server/contacts/find-contact-timeline";
import { findContacts } from "@/server/contacts/find-contacts";
import { getContact } from "@/server/contacts/get-contact";
import { getContactImport } from "@/server/contacts/get-contact-import";
import { mergeContacts } from "@/server/contacts/merge-contacts";
import { removeContactIdentity } from "@/server/contacts/remove-contact-identity";
import { undoContactMerge } from "@/server/contacts/undo-contact-merge";
import { updateContact } from "@/server/contacts/update-contact";
import { createTRPCRouter, tenantProcedure } from "@/trpc/init";

const reader = tenantProcedure(CONTACT_READ_ROLE);
const writer = tenantProcedure(CONTACT_WRITE_ROLE);
const admin = tenantProcedure(CONTACT_ADMIN_ROLE);

/** Contacts for the portal. The CSV upload, export and error report are file routes (src/app/api/contacts). */
export const contactsRouter = createTRPCRouter({
  list: reader.input(ZFindContactsInput).query(({ ctx, input }) => findContacts(ctx.actor, input)),
  get: reader.input(ZContactIdInput).query(({ ctx, input }) => getContact(ctx.actor, input)),
  create: writer.input(ZCreateContactInput).mutation(({ ctx, input }) => createContact(ctx.actor, input)),
  update: writer.input(ZUpdateContactInput).mutation(({ ctx, input }) => updateContact(ctx.actor, input)),
  delete: admin.input(ZContactIdInput).mutation(({ ctx, input }) => deleteContact(ctx.actor, input)),
  addIdentity: writer.input(ZAddContactIdentityInput).mutation(({ ctx, input }) => addContactIdentity(ctx.actor, input)),
  removeIdentity: writer.input(ZRemoveContactIdentityInput).mutation(({ ctx, input }) => removeContactIdentity(ctx.actor, input)),
  addNote: writer.input(ZAddContactNoteInput).mutation(({ ctx, input }) => addContactNote(ctx.actor, input)),
  deleteNote: writer.input(ZDeleteContactNoteInput).mutation(({ ctx, input }) => deleteContactNote(ctx.actor, input)),
  merge: admin.input(ZMergeContactsInput).mutation(({ ctx, input }) => mergeContacts(ctx.actor, input)),
  undoMerge: admin.input(ZUndoContactMergeInput).mutation(({ ctx, input }) => undoContactMerge(ctx.actor, input)),
  timeline: reader.input(ZContactTimelineInput).query(({ ctx, input }) => findContactTimeline(ctx.actor, input)),
  fields: reader.input(z.object({}).optional()).query(({ ctx }) => findContactFields(ctx.actor)),
  createField: admin.input(ZCreateContactFieldInput).mutation(({ ctx, input }) => createContactField(ctx.actor, input)),
  deleteField: admin.input(ZDeleteContactFieldInput).mutation(({ ctx, input }) => deleteContactField(ctx.actor, input)),
  imports: reader.input(z.object({}).optional()).query(({ ctx }) => findContactImports(ctx.actor)),
  import: reader.input(ZContactImportIdInput).query(({ ctx, input }) => getContactImport(ctx.actor, input)),
});
