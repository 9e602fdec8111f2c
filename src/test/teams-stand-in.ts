// A local stand-in for the Microsoft side of a Teams bot, for tests: Entra's token endpoint
// (POST /{tenant}/oauth2/v2.0/token, form-encoded client-credentials grant with scope
// https://api.botframework.com/.default → { token_type, expires_in, access_token }, or AADSTS errors), the Bot
// Framework's OpenID metadata and JWKS (GET /v1/.well-known/openidconfiguration → jwks_uri → keys with endorsements),
// and a Bot Connector (POST /{region}/v3/conversations/{id}/activities with a token it issued and a message
// Activity → 201 { id }). Requests off the documented format are counted in `malformed`. It signs Bot Framework
// JWTs with its own generated RSA key, as the Bot Framework signs the requests it sends to a bot.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from "jose";

export interface TeamsActivityPost {
  conversationId: string;
  token: string;
  region: string;
  body: { type?: string; text?: string };
}

export interface TeamsStandIn {
  url: string;
  /** The serviceUrl activities name (this connector, a region like Teams' https://smba.trafficmanager.net/amer/). */
  serviceUrl: string;
  tokenRequests: { tenant: string; clientId: string }[];
  posts: TeamsActivityPost[];
  malformed: string[];
  /** The next `count` connector posts answer `status` (429, 503…) instead. */
  failNext(status: number, count?: number): void;
  /** A Bot Framework JWT for a request to the bot `appId`; `with` overrides claims, `signWith` another key (same kid). */
  sign(appId: string, opts?: { serviceUrl?: string; expiresInSeconds?: number; with?: Record<string, unknown>; foreignKey?: boolean; issuer?: string }): Promise<string>;
  close(): Promise<void>;
}

export async function startTeamsStandIn(bots: { appId: string; secret: string; tenant: string }[]): Promise<TeamsStandIn> {
  const { publicKey, privateKey } = await generateKeyPair("RS256");
  const foreign = (await generateKeyPair("RS256")).privateKey;
  const kid = "stand-in-key-1";
  const jwk = { ...(await exportJWK(publicKey)), kid, use: "sig", kty: "RSA", endorsements: ["msteams", "emulator"] };
  const tokenRequests: TeamsStandIn["tokenRequests"] = [];
  const posts: TeamsActivityPost[] = [];
  const malformed: string[] = [];
  const issued = new Set<string>();
  const failures: number[] = [];
  let seq = 0;
  let url = "";

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      const bad = (status: number, why: string) => {
        malformed.push(why);
        send(status, { error: { code: "BadArgument", message: why } });
      };
      const path = (req.url ?? "").split("?")[0]!;
      if (req.method === "GET" && path === "/v1/.well-known/openidconfiguration") {
        return send(200, { issuer: "https://api.botframework.com", authorization_endpoint: "https://invalid.botframework.com", jwks_uri: `${url}/v1/.well-known/keys`, id_token_signing_alg_values_supported: ["RS256"], token_endpoint_auth_methods_supported: ["private_key_jwt"] });
      }
      if (req.method === "GET" && path === "/v1/.well-known/keys") return send(200, { keys: [jwk] });
      const login = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(path);
      if (req.method === "POST" && login) {
        const tenant = decodeURIComponent(login[1]!);
        if (!(req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) return bad(400, "token: not form-encoded");
        const f = new URLSearchParams(raw);
        if (f.get("grant_type") !== "client_credentials") return send(400, { error: "unsupported_grant_type", error_description: "AADSTS70003: The app requested an unsupported grant type" });
        if (f.get("scope") !== "https://api.botframework.com/.default") return send(400, { error: "invalid_scope", error_description: "AADSTS70011: The provided value for the input parameter 'scope' is not valid." });
        const clientId = f.get("client_id") ?? "";
        tokenRequests.push({ tenant, clientId });
        const bot = bots.find((b) => b.appId === clientId);
        if (bot && bot.tenant !== tenant) return send(400, { error: "invalid_request", error_description: `AADSTS90002: Tenant '${tenant}' not found.` });
        if (!bot) return send(400, { error: "unauthorized_client", error_description: `AADSTS700016: Application with identifier '${clientId}' was not found in the directory.` });
        if (f.get("client_secret") !== bot.secret) return send(401, { error: "invalid_client", error_description: "AADSTS7000215: Invalid client secret provided." });
        const accessToken = `eyJ.stand-in.${clientId}.${++seq}`;
        issued.add(accessToken);
        return send(200, { token_type: "Bearer", expires_in: 3599, ext_expires_in: 3599, access_token: accessToken });
      }
      const connector = /^\/([a-z]+)\/v3\/conversations\/([^/]+)\/activities$/.exec(path);
      if (req.method === "POST" && connector) {
        const token = (req.headers.authorization ?? "").replace(/^Bearer /, "");
        if (!issued.has(token)) return send(401, { message: "Authorization has been denied for this request." });
        if (!(req.headers["content-type"] ?? "").startsWith("application/json")) return bad(415, "activities: not JSON");
        let body: TeamsActivityPost["body"];
        try {
          body = JSON.parse(raw) as TeamsActivityPost["body"];
        } catch {
          return bad(400, "activities: invalid JSON");
        }
        if (body.type !== "message" || typeof body.text !== "string" || !body.text) return bad(400, "activities: a message Activity needs type message and text");
        const status = failures.shift();
        if (status) return send(status, { error: { code: status === 429 ? "Throttled" : "ServiceError", message: "try later" } });
        posts.push({ conversationId: decodeURIComponent(connector[2]!), token, region: connector[1]!, body });
        return send(201, { id: `1:${++seq}` });
      }
      bad(404, `unknown ${req.method} ${path}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const serviceUrl = `${url}/amer/`;
  return {
    url,
    serviceUrl,
    tokenRequests,
    posts,
    malformed,
    failNext(status, count = 1) {
      for (let i = 0; i < count; i++) failures.push(status);
    },
    async sign(appId, opts = {}) {
      const key: KeyLike = opts.foreignKey ? foreign : privateKey;
      const now = Math.floor(Date.now() / 1000);
      const exp = now + (opts.expiresInSeconds ?? 3600);
      return new SignJWT({ serviceUrl: opts.serviceUrl ?? serviceUrl, ...opts.with })
        .setProtectedHeader({ alg: "RS256", kid, typ: "JWT" })
        .setIssuer(opts.issuer ?? "https://api.botframework.com")
        .setAudience(appId)
        .setIssuedAt(Math.min(now, exp - 60))
        .setNotBefore(Math.min(now, exp - 60))
        .setExpirationTime(exp)
        .sign(key);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The bot the e2e stand-in knows (scripts/e2e.ts, e2e/portal/channels.spec.ts). */
export const E2E_TEAMS_BOT = { appId: "e2e7ea45-0000-4000-8000-000000000001", secret: "e2e~teams~client~secret~WXYZ", tenant: "botframework.com" };

/** A Bot Framework request to a bot's messaging endpoint. */
export function teamsActivityRequest(url: string, token: string | null, activity: unknown): Request {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  return new Request(url, { method: "POST", headers, body: JSON.stringify(activity) });
}
