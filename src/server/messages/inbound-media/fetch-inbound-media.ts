// Photos, voice notes, videos and documents that arrive on WhatsApp or Telegram come as provider file references,
// readable only with the account's token (and for a limited time). They are downloaded as each provider documents
// (media-downloaders.ts) and stored as the message's attachments, encrypted like email attachments, so the inbox and
// the API serve them to the tenant's members and keys. Right after the webhook and again by the job engine until
// stored: three tries 30 s and a minute apart, the last error kept in the message's payload (`payload.media_fetch`).
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { logger } from "@/server/logger";
import { deleteAttachmentBlobs, storeAttachmentBlob, type StoredAttachmentBlob } from "@/server/messages/email-attachments";
import { downloadTelegramFiles, downloadWhatsAppMedia, type DownloadedFile, type MediaMessage } from "./media-downloaders";

const MAX_TRIES = 3;
/** How long a fetch has a message to itself; one that died is retried after. */
const CLAIM_SECONDS = 120;
const RETRY_BASE_SECONDS = 30;
/** WhatsApp keeps inbound media for 30 days; Telegram's file links last an hour but the file_id stays. */
const MAX_AGE_MS = 30 * 24 * 3600_000;

/** Where a message's media fetch stands, in its payload. */
interface MediaFetch {
  stored?: string[];
  tries?: number;
  error?: string;
  claimed_until?: string;
}

type Payload = Record<string, unknown> & { media_fetch?: MediaFetch };

/** Fetches and stores the media of inbound WhatsApp and Telegram messages still without it. */
/** `tenantIds`: only theirs (a webhook fetches what it brought; tests share the database with other files). */
export async function fetchInboundMedia(opts: { limit?: number; tenantIds?: string[] } = {}): Promise<{ stored: number; failed: number }> {
  const tenantIds = opts.tenantIds ?? null;
  // Claimed for CLAIM_SECONDS (payload.media_fetch.claimed_until) in the statement that picks them, so the webhook's
  // own fetch and the job engine's never fetch one message twice.
  const rows = await db.$queryRaw<(MediaMessage & { payload: Payload })[]>`
    UPDATE "Message" m SET payload = m.payload || jsonb_build_object('media_fetch',
        COALESCE(m.payload->'media_fetch', '{}'::jsonb) || jsonb_build_object('claimed_until', to_jsonb(now() + make_interval(secs => ${CLAIM_SECONDS}))))
    WHERE m.id IN (
      SELECT c.id FROM "Message" c
      WHERE c.direction = 'INBOUND' AND c."createdAt" > ${new Date(Date.now() - MAX_AGE_MS)}
        AND ((c.channel = 'WHATSAPP' AND c.payload->'media'->>'id' IS NOT NULL)
          OR (c.channel = 'TELEGRAM' AND jsonb_typeof(c.payload->'media') = 'array' AND jsonb_array_length(c.payload->'media') > 0))
        AND c.payload->'media_fetch'->'stored' IS NULL AND COALESCE((c.payload->'media_fetch'->>'tries')::int, 0) < ${MAX_TRIES}
        AND COALESCE((c.payload->'media_fetch'->>'claimed_until')::timestamptz, '-infinity') < now()
        AND (${tenantIds}::text[] IS NULL OR c."tenantId" = ANY(${tenantIds}::text[]))
      ORDER BY c."createdAt" LIMIT ${opts.limit ?? 20} FOR UPDATE SKIP LOCKED)
    RETURNING m.id, m."tenantId", m.channel::text AS channel, m."to", m.payload`;
  let stored = 0;
  let failed = 0;
  for (const row of rows) {
    try {
      const files = row.channel === "WHATSAPP" ? await downloadWhatsAppMedia(row) : await downloadTelegramFiles(row);
      await attach(row, files);
      stored++;
    } catch (err) {
      failed++;
      const tries = (row.payload.media_fetch?.tries ?? 0) + 1;
      logger.warn({ err, messageId: row.id, channel: row.channel, tries }, "inbound media could not be fetched");
      // Tried again after 30 s, then a minute (a provider's outage passes); claimed_until holds it back till then.
      const retryAt = new Date(Date.now() + RETRY_BASE_SECONDS * 1000 * 2 ** (tries - 1)).toISOString();
      const payload: Payload = { ...row.payload, media_fetch: { tries, error: err instanceof Error ? err.message : String(err), claimed_until: retryAt } };
      await db.message.updateMany({ where: { id: row.id, tenantId: row.tenantId }, data: { payload: payload as Prisma.InputJsonValue } });
    }
  }
  return { stored, failed };
}

/** The files stored and their rows written with the message's payload in one transaction; blobs of a failed one removed. */
async function attach(row: MediaMessage & { payload: Payload }, files: DownloadedFile[]): Promise<void> {
  const blobs: StoredAttachmentBlob[] = [];
  try {
    for (const f of files) blobs.push(await storeAttachmentBlob(row.tenantId, f));
    await db.$transaction(async (tx) => {
      for (const blob of blobs) await tx.messageAttachment.create({ data: { ...blob, messageId: row.id } });
      const payload: Payload = { ...row.payload, media_fetch: { stored: blobs.map((b) => b.id), tries: (row.payload.media_fetch?.tries ?? 0) + 1 } };
      await tx.message.updateMany({ where: { id: row.id, tenantId: row.tenantId }, data: { payload: payload as Prisma.InputJsonValue, mediaUrls: [] } });
    });
  } catch (err) {
    await deleteAttachmentBlobs(blobs);
    throw err;
  }
}
