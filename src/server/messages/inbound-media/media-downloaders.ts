// How each provider hands over an inbound message's files (fetch-inbound-media.ts stores them):
//   WhatsApp Cloud API: GET {graph}/{version}/{media-id} with the number's token → { url, mime_type, file_size },
//     then GET that url with the token.
//   Telegram Bot API: getFile with the file_id → { file_path, file_size }, then GET {api}/file/bot<token>/<file_path>.
import { db } from "@/server/db";
import { openSecret } from "@/server/crypto/secret-box";
import { MAX_ATTACHMENT_BYTES } from "@/server/messages/email-attachments";
import { chatBotEnv } from "@/server/messages/chat-bots/chat-bots.schemas";
import { callTelegram } from "@/server/messages/telegram/telegram-bot-api";
import { whatsappEnv } from "@/server/messages/whatsapp/whatsapp.schemas";

const TIMEOUT_MS = 20_000;

export interface MediaMessage {
  id: string;
  tenantId: string;
  channel: string;
  to: string;
  payload: Record<string, unknown>;
}

export interface DownloadedFile {
  filename: string;
  contentType: string;
  content: Buffer;
}

async function download(url: string, headers: Record<string, string>, what: string): Promise<Buffer> {
  const res = await fetch(url, { headers, signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (!res.ok) throw new Error(`the download of ${what} answered ${res.status}`);
  const content = Buffer.from(await res.arrayBuffer());
  if (content.length > MAX_ATTACHMENT_BYTES) throw new Error(`${what} is larger than ${MAX_ATTACHMENT_BYTES} bytes`);
  return content;
}

export async function downloadWhatsAppMedia(m: MediaMessage): Promise<DownloadedFile[]> {
  const media = (m.payload.media ?? {}) as { id?: string; mime_type?: string | null; filename?: string | null };
  const number = await db.whatsAppNumber.findUnique({ where: { tenantId_e164: { tenantId: m.tenantId, e164: m.to } }, select: { accessTokenCipher: true } });
  if (!number) throw new Error(`the WhatsApp number ${m.to} is no longer connected`);
  const auth = { authorization: `Bearer ${openSecret(number.accessTokenCipher)}` };
  const e = whatsappEnv();
  const info = await fetch(`${e.WHATSAPP_GRAPH_BASE_URL.replace(/\/$/, "")}/${e.WHATSAPP_GRAPH_VERSION}/${encodeURIComponent(media.id!)}`, { headers: auth, signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (!info.ok) throw new Error(`Graph answered ${info.status} for media ${media.id}`);
  const meta = (await info.json()) as { url?: string; mime_type?: string; file_size?: number };
  if (!meta.url) throw new Error(`Graph gave no url for media ${media.id}`);
  if ((meta.file_size ?? 0) > MAX_ATTACHMENT_BYTES) throw new Error(`media ${media.id} is ${meta.file_size} bytes, more than ${MAX_ATTACHMENT_BYTES}`);
  const content = await download(meta.url, auth, `media ${media.id}`);
  const contentType = meta.mime_type ?? media.mime_type ?? "application/octet-stream";
  return [{ filename: media.filename ?? `${String(m.payload.type ?? "media")}-${media.id}.${extensionOf(contentType)}`, contentType, content }];
}

export async function downloadTelegramFiles(m: MediaMessage): Promise<DownloadedFile[]> {
  const items = (m.payload.media ?? []) as { kind?: string; file_id?: string; file_name?: string | null; mime_type?: string | null }[];
  const bot = await db.chatBot.findFirst({ where: { tenantId: m.tenantId, channel: "TELEGRAM", externalId: m.to }, select: { tokenCipher: true } });
  if (!bot) throw new Error(`the Telegram bot ${m.to} is no longer connected`);
  const token = openSecret(bot.tokenCipher);
  const files: DownloadedFile[] = [];
  for (const item of items) {
    if (!item.file_id) continue;
    const file = await callTelegram<{ file_path?: string; file_size?: number }>(token, "getFile", { file_id: item.file_id }, "file_id");
    if (!file.file_path) throw new Error(`Telegram gave no file_path for ${item.file_id}`);
    if ((file.file_size ?? 0) > MAX_ATTACHMENT_BYTES) throw new Error(`${item.file_id} is ${file.file_size} bytes, more than ${MAX_ATTACHMENT_BYTES}`);
    const content = await download(`${chatBotEnv().TELEGRAM_API_BASE_URL.replace(/\/$/, "")}/file/bot${token}/${file.file_path}`, {}, `file ${item.file_id}`);
    const contentType = item.mime_type ?? (item.kind === "photo" ? "image/jpeg" : "application/octet-stream");
    files.push({ filename: item.file_name ?? file.file_path.split("/").pop() ?? `${item.kind ?? "file"}.${extensionOf(contentType)}`, contentType, content });
  }
  return files;
}

function extensionOf(contentType: string): string {
  const sub = contentType.split(";")[0]!.split("/")[1] ?? "bin";
  const known = ({ jpeg: "jpg", mpeg: "mp3", plain: "txt" } as Record<string, string>)[sub];
  return known ?? (sub.replace(/[^a-z0-9]/gi, "").slice(0, 8) || "bin");
}
