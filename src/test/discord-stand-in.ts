// A local stand-in for Discord's HTTP API (v10), for tests: GET /users/@me and GET /applications/@me with
// `Authorization: Bot <token>` (an unknown token: 401 { message: "401: Unauthorized", code: 0 }), and
// POST /channels/{channel.id}/messages (JSON { content ≤ 2000, allowed_mentions? } → the Message { id, channel_id,
// content }). Off-format requests answer 400 { code: 50035, message: "Invalid Form Body" } and are counted in
// `malformed`; `rateLimitNext(n, seconds)` answers the next n posts 429 { message, retry_after, global: false }
// with Retry-After. It also builds interactions signed as Discord signs them (Ed25519 over timestamp + body).
import { createPrivateKey, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface DiscordPost {
  token: string;
  channelId: string;
  content: string;
  allowedMentions: unknown;
  id: string;
}

export interface DiscordStandIn {
  url: string;
  posts: DiscordPost[];
  malformed: string[];
  addApplication(app: { id: string; name: string; publicKeyHex: string; botUserId?: string }, botToken: string): void;
  rateLimitNext(count: number, retryAfterSeconds: number): void;
  close(): Promise<void>;
}

export async function startDiscordStandIn(): Promise<DiscordStandIn> {
  const apps = new Map<string, { id: string; name: string; publicKeyHex: string; botUserId: string }>();
  const posts: DiscordPost[] = [];
  const malformed: string[] = [];
  let throttle = { count: 0, retryAfter: 0 };
  let seq = 1_200_000_000_000_000_000n;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { "content-type": "application/json", ...headers });
        res.end(JSON.stringify(body));
      };
      const bad = (why: string) => {
        malformed.push(why);
        answer(400, { code: 50035, message: "Invalid Form Body", errors: { _errors: [{ code: "BASE_TYPE_INVALID", message: why }] } });
      };
      const auth = req.headers.authorization ?? "";
      if (!auth.startsWith("Bot ")) return answer(401, { message: "401: Unauthorized", code: 0 });
      const token = auth.slice(4);
      const app = apps.get(token);
      if (!app) return answer(401, { message: "401: Unauthorized", code: 0 });
      const url = req.url ?? "";
      if (req.method === "GET" && url === "/users/@me") return answer(200, { id: app.botUserId, username: `${app.name.toLowerCase().replace(/\W/g, "")}-bot`, discriminator: "0", bot: true });
      if (req.method === "GET" && url === "/applications/@me") return answer(200, { id: app.id, name: app.name, verify_key: app.publicKeyHex, bot_public: true });
      const m = /^\/channels\/(\d{17,20})\/messages$/.exec(url);
      if (req.method === "POST" && m) {
        if (!(req.headers["content-type"] ?? "").startsWith("application/json")) return bad("content-type must be application/json");
        let body: { content?: unknown; allowed_mentions?: unknown };
        try {
          body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as typeof body;
        } catch {
          return bad("body is not JSON");
        }
        if (typeof body.content !== "string" || !body.content.trim()) return bad("content: Cannot send an empty message");
        if (body.content.length > 2000) return bad("content: Must be 2000 or fewer in length.");
        if (throttle.count > 0) {
          throttle.count--;
          return answer(429, { message: "You are being rate limited.", retry_after: throttle.retryAfter, global: false }, { "retry-after": String(Math.ceil(throttle.retryAfter)) });
        }
        if (m[1] === "10000000000000000404") return answer(404, { message: "Unknown Channel", code: 10003 });
        const id = String(++seq);
        posts.push({ token, channelId: m[1]!, content: body.content, allowedMentions: body.allowed_mentions, id });
        return answer(200, { id, channel_id: m[1], content: body.content, type: 0, author: { id: app.botUserId, bot: true } });
      }
      bad(`unknown endpoint ${req.method} ${url}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    posts,
    malformed,
    addApplication: (app, botToken) => apps.set(botToken, { ...app, botUserId: app.botUserId ?? app.id }),
    rateLimitNext: (count, retryAfter) => {
      throttle = { count, retryAfter };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** An application's Ed25519 key pair: the public key as the Developer Portal shows it (hex of the raw 32 bytes). */
export function discordKeyPair(): { publicKeyHex: string; privateKey: KeyObject } {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const raw = publicKey.export({ format: "der", type: "spki" }).subarray(-32);
  return { publicKeyHex: raw.toString("hex"), privateKey: createPrivateKey(privateKey.export({ format: "pem", type: "pkcs8" })) };
}

/** An interaction as Discord posts it: X-Signature-Ed25519 (hex) over timestamp + body, X-Signature-Timestamp. */
export function signedInteraction(url: string, privateKey: KeyObject | null, body: unknown, timestamp = Math.floor(Date.now() / 1000)): Request {
  const raw = JSON.stringify(body);
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (privateKey) {
    headers["x-signature-timestamp"] = String(timestamp);
    headers["x-signature-ed25519"] = sign(null, Buffer.from(`${timestamp}${raw}`), privateKey).toString("hex");
  }
  return new Request(url, { method: "POST", headers, body: raw });
}
