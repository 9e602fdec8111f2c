// A local stand-in for Meta's WhatsApp Cloud API, for tests and the e2e stack: POST /{version}/{phone-number-id}/messages
// with a Bearer token and Meta's documented JSON (messaging_product "whatsapp", to as digits, type and the object of
// that type: text.body, image/document/audio/video.link, interactive button/list, template name/language/components).
// A request off the format answers 400 with Meta's error shape (code 100) and is counted in `malformed`. It builds the
// webhooks Meta sends (inbound messages and statuses), signed with X-Hub-Signature-256 like Meta signs them.
import { createHmac, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface WhatsAppStandInMessage {
  id: string;
  phoneNumberId: string;
  to: string;
  type: string;
  body: Record<string, unknown>;
}

export interface WhatsAppStandIn {
  url: string;
  version: string;
  messages: WhatsAppStandInMessage[];
  malformed: string[];
  /** Media a webhook names by id: GET /{version}/{id} answers its url, GET that url its bytes (both with the token). */
  addMedia(id: string, bytes: Buffer, mimeType: string): void;
  /** Answer the next sends with Meta's error (e.g. 131047 outside the window, 131026 undeliverable). */
  failNext(count: number, status: 400 | 429 | 500, code?: number): void;
  close(): Promise<void>;
}

const MEDIA = ["image", "document", "audio", "video"];

function check(body: Record<string, unknown>): string | null {
  if (body.messaging_product !== "whatsapp") return "messaging_product must be whatsapp";
  if (typeof body.to !== "string" || !/^\d{7,15}$/.test(body.to)) return "to must be the recipient's number in digits";
  const type = body.type as string;
  const obj = body[type] as Record<string, unknown> | undefined;
  if (!obj || typeof obj !== "object") return `type ${type} needs a ${type} object`;
  if (type === "text") return typeof obj.body === "string" && obj.body.length > 0 && obj.body.length <= 4096 ? null : "text.body required, at most 4096 characters";
  if (MEDIA.includes(type)) {
    if (typeof obj.link !== "string" || !/^https?:\/\//.test(obj.link)) return `${type}.link must be an http(s) URL`;
    if (type === "audio" && "caption" in obj) return "audio takes no caption";
    return null;
  }
  if (type === "interactive") {
    const i = obj as { type?: string; body?: { text?: string }; action?: { buttons?: unknown[]; button?: string; sections?: unknown[] } };
    if (!i.body?.text) return "interactive.body.text required";
    if (i.type === "button") return Array.isArray(i.action?.buttons) && i.action.buttons.length >= 1 && i.action.buttons.length <= 3 ? null : "interactive.action.buttons: 1 to 3";
    if (i.type === "list") return i.action?.button && Array.isArray(i.action.sections) && i.action.sections.length ? null : "interactive.action.button and sections required";
    return "interactive.type must be button or list";
  }
  if (type === "template") {
    const t = obj as { name?: string; language?: { code?: string }; components?: unknown };
    if (!t.name || !t.language?.code) return "template.name and template.language.code required";
    if (t.components !== undefined && !Array.isArray(t.components)) return "template.components must be an array";
    return null;
  }
  return `unsupported type ${type}`;
}

export async function startWhatsAppStandIn(opts: { accessToken: string; version?: string }): Promise<WhatsAppStandIn> {
  const version = opts.version ?? "v21.0";
  const messages: WhatsAppStandInMessage[] = [];
  const malformed: string[] = [];
  let failures = { count: 0, status: 0, code: 0 };
  const media = new Map<string, { bytes: Buffer; mimeType: string }>();
  let base = "";
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      const bad = (why: string) => {
        malformed.push(why);
        send(400, { error: { message: `(#100) ${why}`, type: "OAuthException", code: 100, fbtrace_id: "stand-in" } });
      };
      if (req.headers.authorization !== `Bearer ${opts.accessToken}`) return send(401, { error: { message: "Invalid OAuth access token", type: "OAuthException", code: 190 } });
      const mediaInfo = new RegExp(`^/${version.replace(".", "\\.")}/(\\d+)$`).exec(req.url ?? "");
      if (req.method === "GET" && mediaInfo) {
        const m = media.get(mediaInfo[1]!);
        if (!m) return send(404, { error: { message: "(#100) media not found", type: "OAuthException", code: 100 } });
        return send(200, { messaging_product: "whatsapp", url: `${base}/media-download/${mediaInfo[1]}`, mime_type: m.mimeType, sha256: "stand-in", file_size: m.bytes.length, id: mediaInfo[1] });
      }
      const download = /^\/media-download\/(\d+)$/.exec(req.url ?? "");
      if (req.method === "GET" && download) {
        const m = media.get(download[1]!);
        if (!m) return send(404, { error: { message: "gone" } });
        res.writeHead(200, { "content-type": m.mimeType });
        return void res.end(m.bytes);
      }
      const match = new RegExp(`^/${version.replace(".", "\\.")}/(\\d+)/messages$`).exec(req.url ?? "");
      if (req.method !== "POST" || !match) return bad(`unexpected ${req.method} ${req.url}`);
      if (!(req.headers["content-type"] ?? "").startsWith("application/json")) return bad("the body must be JSON");
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
      } catch {
        return bad("the body is not JSON");
      }
      const why = check(body);
      if (why) return bad(why);
      if (failures.count > 0) {
        failures.count--;
        return send(failures.status, { error: { message: failures.code === 131047 ? "Re-engagement message" : "failure", type: "OAuthException", code: failures.code || failures.status, error_data: { details: "stand-in failure" } } });
      }
      const id = `wamid.${randomBytes(12).toString("hex")}`;
      messages.push({ id, phoneNumberId: match[1]!, to: body.to as string, type: body.type as string, body });
      send(200, { messaging_product: "whatsapp", contacts: [{ input: body.to, wa_id: body.to }], messages: [{ id }] });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    version,
    messages,
    malformed,
    addMedia(id, bytes, mimeType) {
      media.set(id, { bytes, mimeType });
    },
    failNext(count, status, code) {
      failures = { count, status, code: code ?? 0 };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Meta's webhook envelope for one phone number's change (messages and/or statuses). */
export function whatsappWebhookBody(phoneNumberId: string, value: { messages?: unknown[]; statuses?: unknown[]; contacts?: unknown[] }): string {
  return JSON.stringify({
    object: "whatsapp_business_account",
    entry: [{ id: "102290129340398", changes: [{ field: "messages", value: { messaging_product: "whatsapp", metadata: { display_phone_number: "15550000000", phone_number_id: phoneNumberId }, ...value } }] }],
  });
}

/** A signed webhook request as Meta sends it (X-Hub-Signature-256: sha256= hex HMAC of the raw body with the app secret). */
export function signedWhatsAppRequest(url: string, appSecret: string | null, body: string): Request {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (appSecret) headers["x-hub-signature-256"] = `sha256=${createHmac("sha256", appSecret).update(body).digest("hex")}`;
  return new Request(url, { method: "POST", headers, body });
}
