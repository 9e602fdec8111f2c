// An email attachment's bytes for a member of its tenant (portal session or API key): decrypted as it streams.
// Another tenant's message or attachment id reads as not found.
import type { Readable } from "node:stream";
import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import { openAttachmentBlob } from "@/server/messages/email-attachments";
import { MESSAGE_READ_ROLE } from "@/server/messages/messages.schemas";
import { assertRole, type Actor } from "@/server/tenancy";

export async function readMessageAttachment(actor: Actor, input: { messageId: string; attachmentId: string }): Promise<{ status: 200; headers: Record<string, string>; body: Readable }> {
  assertRole(actor, MESSAGE_READ_ROLE);
  const a = await db.messageAttachment.findFirst({ where: { id: input.attachmentId, messageId: input.messageId, tenantId: actor.tenantId } });
  if (!a) throw notFound("attachment");
  const body = await openAttachmentBlob(a);
  const ascii = a.filename.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return {
    status: 200,
    headers: {
      "content-type": a.contentType,
      "content-length": String(a.sizeBytes),
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
      // Always a download: an HTML or SVG attachment never renders in our origin.
      "content-disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(a.filename)}`,
    },
    body,
  };
}
