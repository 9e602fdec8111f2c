// A local stand-in for Telegram's Bot API, for tests: POST /bot<token>/<method> with JSON. It knows the bots it was
// given (getMe), keeps each bot's webhook (setWebhook: url, secret_token of 1–256 [A-Za-z0-9_-], allowed_updates;
// Telegram wants an HTTPS url, which `requireHttps` enforces; deleteWebhook), and records sendMessage / sendPhoto /
// sendDocument / sendAudio / sendVideo. Answers are Telegram's: { ok: true, result } or { ok: false, error_code,
// description }; an unknown token is 401 Unauthorized, as Telegram answers. Off-format requests are 400 and counted
// in `malformed`. `rateLimitNext(n, seconds)` answers the next n sends 429 with parameters.retry_after.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface TelegramSent {
  token: string;
  method: string;
  chatId: number | string;
  text?: string;
  media?: string;
  caption?: string;
  messageId: number;
}

export interface TelegramStandIn {
  url: string;
  sent: TelegramSent[];
  webhooks: Map<string, { url: string; secretToken: string; allowedUpdates: string[] }>;
  calls: string[];
  malformed: string[];
  addBot(bot: { id: number; username: string; firstName?: string }, token: string): void;
  /** A file an update names by file_id: getFile answers its file_path, GET /file/bot<token>/<file_path> its bytes. */
  addFile(fileId: string, bytes: Buffer, filePath: string): void;
  rateLimitNext(count: number, retryAfterSeconds: number): void;
  close(): Promise<void>;
}

const MEDIA_FIELD: Record<string, string> = { sendPhoto: "photo", sendDocument: "document", sendAudio: "audio", sendVideo: "video" };

export async function startTelegramStandIn(opts: { requireHttps?: boolean } = {}): Promise<TelegramStandIn> {
  const bots = new Map<string, { id: number; username: string; firstName: string }>();
  const files = new Map<string, { bytes: Buffer; filePath: string }>();
  const webhooks: TelegramStandIn["webhooks"] = new Map();
  const sent: TelegramSent[] = [];
  const calls: string[] = [];
  const malformed: string[] = [];
  let throttle = { count: 0, retryAfter: 0 };
  let seq = 100;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const answer = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      const refuse = (status: number, description: string, extra: object = {}) => answer(status, { ok: false, error_code: status, description, ...extra });
      const bad = (description: string) => {
        malformed.push(description);
        refuse(400, `Bad Request: ${description}`);
      };
      const download = /^\/file\/bot([^/]+)\/(.+)$/.exec(req.url ?? "");
      if (download && req.method === "GET") {
        const file = bots.has(download[1]!) ? [...files.values()].find((f) => f.filePath === download[2]) : undefined;
        if (!file) return refuse(404, "Not Found");
        res.writeHead(200, { "content-type": "application/octet-stream" });
        return void res.end(file.bytes);
      }
      const m = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? "");
      if (!m || req.method !== "POST") return bad(`unknown endpoint ${req.method} ${req.url}`);
      const [, token, method] = m as unknown as [string, string, string];
      calls.push(method);
      const bot = bots.get(token);
      if (!bot) return refuse(401, "Unauthorized");
      if (!(req.headers["content-type"] ?? "").startsWith("application/json")) return bad("content-type must be application/json");
      let p: Record<string, unknown>;
      try {
        p = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<string, unknown>;
      } catch {
        return bad("can't parse JSON");
      }
      if (method === "getMe") return answer(200, { ok: true, result: { id: bot.id, is_bot: true, first_name: bot.firstName, username: bot.username, can_join_groups: true } });
      if (method === "setWebhook") {
        const url = typeof p.url === "string" ? p.url : "";
        if (!/^https?:\/\//.test(url)) return bad("bad webhook: invalid url");
        if (opts.requireHttps !== false && !url.startsWith("https://")) return refuse(400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook");
        const secret = p.secret_token;
        if (secret !== undefined && (typeof secret !== "string" || !/^[A-Za-z0-9_-]{1,256}$/.test(secret))) return bad("bad webhook: secret token contains unallowed characters");
        if (p.allowed_updates !== undefined && !Array.isArray(p.allowed_updates)) return bad("allowed_updates must be an array");
        webhooks.set(token, { url, secretToken: (secret as string | undefined) ?? "", allowedUpdates: (p.allowed_updates as string[] | undefined) ?? [] });
        return answer(200, { ok: true, result: true, description: "Webhook was set" });
      }
      if (method === "getFile") {
        const file = typeof p.file_id === "string" ? files.get(p.file_id) : undefined;
        if (!file) return refuse(400, "Bad Request: invalid file_id");
        return answer(200, { ok: true, result: { file_id: p.file_id, file_unique_id: `u${p.file_id as string}`, file_size: file.bytes.length, file_path: file.filePath } });
      }
      if (method === "deleteWebhook") {
        webhooks.delete(token);
        return answer(200, { ok: true, result: true, description: "Webhook was deleted" });
      }
      const mediaField = MEDIA_FIELD[method];
      if (method === "sendMessage" || mediaField) {
        const chatId = p.chat_id;
        if (!(typeof chatId === "number" && Number.isInteger(chatId)) && !(typeof chatId === "string" && /^@\w+$/.test(chatId))) return bad("chat_id must be an integer or @channelusername");
        if (throttle.count > 0) {
          throttle.count--;
          return refuse(429, `Too Many Requests: retry after ${throttle.retryAfter}`, { parameters: { retry_after: throttle.retryAfter } });
        }
        if (chatId === 404) return refuse(400, "Bad Request: chat not found");
        const messageId = ++seq;
        const chat = { id: typeof chatId === "number" ? chatId : -1001, type: typeof chatId === "number" && chatId > 0 ? "private" : "channel" };
        if (method === "sendMessage") {
          if (typeof p.text !== "string" || !p.text.trim()) return bad("message text is empty");
          if (p.text.length > 4096) return bad("message is too long");
          sent.push({ token, method, chatId, text: p.text, messageId });
          return answer(200, { ok: true, result: { message_id: messageId, date: Math.floor(Date.now() / 1000), chat, text: p.text } });
        }
        const media = p[mediaField!];
        if (typeof media !== "string" || !/^https?:\/\//.test(media)) return bad(`${mediaField} must be a file_id or an HTTP URL`);
        if (p.caption !== undefined && (typeof p.caption !== "string" || p.caption.length > 1024)) return bad("message caption is too long");
        sent.push({ token, method, chatId, media, caption: p.caption as string | undefined, messageId });
        return answer(200, { ok: true, result: { message_id: messageId, date: Math.floor(Date.now() / 1000), chat, caption: p.caption } });
      }
      bad(`Not Found: method ${method}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sent,
    webhooks,
    calls,
    malformed,
    addBot: (bot, token) => bots.set(token, { id: bot.id, username: bot.username, firstName: bot.firstName ?? bot.username }),
    addFile: (fileId, bytes, filePath) => void files.set(fileId, { bytes, filePath }),
    rateLimitNext: (count, retryAfter) => {
      throttle = { count, retryAfter };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** An update as Telegram posts it to a webhook, with the secret_token header when given. */
export function telegramUpdateRequest(url: string, secretToken: string | null, update: unknown): Request {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (secretToken !== null) headers["x-telegram-bot-api-secret-token"] = secretToken;
  return new Request(url, { method: "POST", headers, body: JSON.stringify(update) });
}
