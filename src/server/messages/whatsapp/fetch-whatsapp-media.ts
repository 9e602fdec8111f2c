// A WhatsApp message's photo, voice note, video or document arrives as a Graph media id, readable only with the
// number's token and for a limited time. It is fetched as Meta documents (GET /{version}/{media-id} with the token
// for its url, then GET that url with the token) and stored as the message's attachment, encrypted like email
// attachments, so the inbox and the API serve it to the tenant's members and keys. Right after the webhook and again
// by the job engine until it is stored (three tries; the last error is kept in the message's payload).
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { logger } from "@/server/logger";
import { openSecret } from "@/server/crypto/secret-box";
import { MAX_ATTACHMENT_BYTES, deleteAttachmentBlobs, storeAttachmentBlob } from "@/server/messages/email-attachments";
import { whatsappEnv } from "@/server/messages/whatsapp/whatsapp.schemas";

const MAX_TRIES = 3;
const TIMEOUT_MS = 20_000;
/** Meta keeps inbound media for 30 days. */
const MAX_AGE_MS = 30 * 24 * 3600_000;

interface MediaPayload {
  type?: string;
  media?: { id?: string | null; mime_type?: string | null; filename?: string | null; stored?: string; tries?: number; error?: string };
}

interface Pending {
  id: string;
  tenantId: string;
  to: string;
  payload: MediaPayload;
}

/** Fetches and stores the media of inbound WhatsApp messages still without it (`messageId`: that one only). */
export async function fetchWhatsAppMedia(opts: { messageId?: string; limit?: number } = {}): Promise<{ stored: number; failed: number }> {
  const rows = await db.$queryRaw<Pending[]>`
    SELECT m.id, m."tenantId", m."to", m.payload FROM "Message" m
    WHERE m.channel = 'WHATSAPP' AND m.direction = 'INBOUND' AND m.payload->'media'->>'id' IS NOT NULL
      AND m.payload->'media'->>'stored' IS NULL AND COALESCE((m.payload->'media'->>'tries')::int, 0) < ${MAX_TRIES}
      AND m."createdAt" > ${new Date(Date.now() - MAX_AGE_MS)}
      AND (${opts.messageId ?? null}::text IS NULL OR m.id = ${opts.messageId ?? null})
    ORDER BY m."createdAt" LIMIT ${opts.limit ?? 20}`;
  let stored = 0;
  let failed = 0;
  for (const row of rows) {
    try {
      await fetchOne(row);
      stored++;
    } catch (err) {
      failed++;
      const media = row.payload.media ?? {};
      const tries = (media.tries ?? 0) + 1;
      logger.warn({ err, messageId: row.id, tries }, "WhatsApp media could not be fetched");
      const payload = { ...row.payload, media: { ...media, tries, error: err instanceof Error ? err.message : String(err) } };
      await db.message.updateMany({ where: { id: row.id, tenantId: row.tenantId }, data: { payload: payload as Prisma.InputJsonValue } });
    }
  }
  return { stored, failed };
}

async function fetchOne(row: Pending): Promise<void> {
  const media = row.payload.media!;
  const number = await db.whatsAppNumber.findUnique({ where: { tenantId_e164: { tenantId: row.tenantId, e164: row.to } }, select: { accessTokenCipher: true } });
  if (!number) throw new Error(`the WhatsApp number ${row.to} is no longer connected`);
  const token = openSecret(number.accessTokenCipher);
  const e = whatsappEnv();
  const auth = { authorization: `Bearer ${token}` };
  const info = await fetch(`${e.WHATSAPP_GRAPH_BASE_URL.replace(/\/$/, "")}/${e.WHATSAPP_GRAPH_VERSION}/${encodeURIComponent(media.id!)}`, { headers: auth, signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (!info.ok) throw new Error(`Graph answered ${info.status} for media ${media.id}`);
  const meta = (await info.json()) as { url?: string; mime_type?: string; file_size?: number };
  if (!meta.url) throw new Error(`Graph gave no url for media ${media.id}`);
  if ((meta.file_size ?? 0) > MAX_ATTACHMENT_BYTES) throw new Error(`media ${media.id} is ${meta.file_size} bytes, more than ${MAX_ATTACHMENT_BYTES}`);
  const res = await fetch(meta.url, { headers: auth, signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (!res.ok) throw new Error(`the media download answered ${res.status}`);
  const content = Buffer.from(await res.arrayBuffer());
  if (content.length > MAX_ATTACHMENT_BYTES) throw new Error(`media ${media.id} is larger than ${MAX_ATTACHMENT_BYTES} bytes`);
  const contentType = meta.mime_type ?? media.mime_type ?? "application/octet-stream";
  const filename = media.filename ?? `${row.payload.type ?? "media"}-${media.id}.${extensionOf(contentType)}`;
  const blob = await storeAttachmentBlob(row.tenantId, { filename, contentType, content });
  try {
    await db.$transaction(async (tx) => {
      await tx.messageAttachment.create({ data: { ...blob, messageId: row.id } });
      const payload = { ...row.payload, media: { ...media, stored: blob.id, error: undefined } };
      await tx.message.updateMany({ where: { id: row.id, tenantId: row.tenantId }, data: { payload: payload as Prisma.InputJsonValue, mediaUrls: [] } });
    });
  } catch (err) {
    await deleteAttachmentBlobs([blob]);
    throw err;
  }
}

function extensionOf(contentType: string): string {
  const sub = contentType.split(";")[0]!.split("/")[1] ?? "bin";
  const known = ({ jpeg: "jpg", mpeg: "mp3", plain: "txt" } as Record<string, string>)[sub];
  return known ?? (sub.replace(/[^a-z0-9]/gi, "").slice(0, 8) || "bin");
}
