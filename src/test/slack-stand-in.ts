// A local stand-in for Slack's Web API, for tests: POST /api/oauth.v2.access (form-encoded client_id, client_secret,
// code, redirect_uri → a bot token for a team) and POST /api/chat.postMessage (Bearer bot token, JSON channel + text
// [+ thread_ts] → { ok, channel, ts }); anything off the documented format answers { ok: false, error } and is counted in
// `malformed`. It builds Events API requests signed as Slack signs them (X-Slack-Signature v0, X-Slack-Request-Timestamp).
import { createHmac } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface SlackStandIn {
  url: string;
  posts: { channel: string; text: string; ts: string; token: string; threadTs?: string }[];
  malformed: string[];
  /** The code Slack's authorize page would hand back for this team. */
  issueCode(team: { id: string; name: string }, botToken: string): string;
  close(): Promise<void>;
}

export async function startSlackStandIn(opts: { clientId: string; clientSecret: string }): Promise<SlackStandIn> {
  const posts: SlackStandIn["posts"] = [];
  const malformed: string[] = [];
  const codes = new Map<string, { team: { id: string; name: string }; token: string }>();
  const tokens = new Set<string>();
  let seq = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const send = (body: unknown) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      const bad = (error: string) => {
        malformed.push(error);
        send({ ok: false, error });
      };
      if (req.method === "POST" && req.url === "/api/oauth.v2.access") {
        if (!(req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) return bad("invalid_form_data");
        const f = new URLSearchParams(raw);
        if (f.get("client_id") !== opts.clientId || f.get("client_secret") !== opts.clientSecret) return send({ ok: false, error: "invalid_client_id" });
        if (!f.get("redirect_uri")) return bad("bad_redirect_uri");
        const grant = codes.get(f.get("code") ?? "");
        if (!grant) return send({ ok: false, error: "invalid_code" });
        codes.delete(f.get("code")!);
        return send({ ok: true, access_token: grant.token, token_type: "bot", scope: "chat:write", bot_user_id: "U0BOT0001", app_id: "A0APP", team: grant.team, enterprise: null });
      }
      if (req.method === "POST" && req.url === "/api/chat.postMessage") {
        const token = (req.headers.authorization ?? "").replace(/^Bearer /, "");
        if (!tokens.has(token)) return send({ ok: false, error: "invalid_auth" });
        if (!(req.headers["content-type"] ?? "").startsWith("application/json")) return bad("invalid_content_type");
        let body: { channel?: string; text?: string; thread_ts?: unknown };
        try {
          body = JSON.parse(raw) as typeof body;
        } catch {
          return bad("invalid_json");
        }
        if (!body.channel || !/^[CDG][A-Z0-9]+$/.test(body.channel)) return send({ ok: false, error: "channel_not_found" });
        if (!body.text) return send({ ok: false, error: "no_text" });
        if (body.thread_ts !== undefined && (typeof body.thread_ts !== "string" || !/^\d+\.\d+$/.test(body.thread_ts))) return bad("invalid_thread_ts");
        const ts = `${Math.floor(Date.now() / 1000)}.${String(++seq).padStart(6, "0")}`;
        posts.push({ channel: body.channel, text: body.text, ts, token, ...(typeof body.thread_ts === "string" ? { threadTs: body.thread_ts } : {}) });
        return send({ ok: true, channel: body.channel, ts, message: { text: body.text, ts } });
      }
      bad(`unknown_method ${req.method} ${req.url}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    posts,
    malformed,
    issueCode(team, botToken) {
      const code = `code-${team.id}-${++seq}`;
      codes.set(code, { team, token: botToken });
      tokens.add(botToken);
      return code;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** An Events API request signed as Slack signs it; `timestamp` defaults to now (seconds). */
export function signedSlackEvent(url: string, signingSecret: string | null, body: unknown, timestamp = Math.floor(Date.now() / 1000)): Request {
  const raw = JSON.stringify(body);
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (signingSecret) {
    headers["x-slack-request-timestamp"] = String(timestamp);
    headers["x-slack-signature"] = `v0=${createHmac("sha256", signingSecret).update(`v0:${timestamp}:${raw}`).digest("hex")}`;
  }
  return new Request(url, { method: "POST", headers, body: raw });
}
