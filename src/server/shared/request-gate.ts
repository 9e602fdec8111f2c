// What the app's HTTP server does with every request before Next.js sees it (installed once per server process, before
// it serves: src/instrumentation-node.ts):
//   1. A path whose percent-encoding is malformed (`/api/v1/calls/%ZZ`) is answered 400 here, in the surface's own
//      error shape: Next.js failed to decode it and answered a plain-text 500 before any route or authentication.
//   2. The peer address, below.
//
// The address the app's own HTTP server saw, which no client can choose. Next.js keeps a client's X-Forwarded-For
// as sent (it only fills the header when absent), so with no proxy in front the client picked its own address for
// every per-IP limit and for the loopback-only switch directory. Installed once per server process (before it
// serves), this hook runs ahead of Next.js on every request and
//   - sets PEER_HEADER to the socket's remote address, overwriting whatever the client sent under that name;
//   - appends the same address to X-Forwarded-For, as a proxy would, so the last entry is always the true peer.
// clientIp() then reads TRUSTED_PROXY_HOPS entries to the left of it.
import http from "node:http";

export const PEER_HEADER = "x-irisx-peer";

const installed = Symbol.for("irisx.peerAddressHook");

export function installRequestGate(): void {
  const proto = http.Server.prototype as unknown as Record<symbol, boolean> & { emit: (event: string | symbol, ...args: unknown[]) => boolean };
  if (proto[installed]) return;
  proto[installed] = true;
  const emit = proto.emit;
  proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request") {
      const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
      if (refuseMalformedPath(req, res)) return true;
      markPeer(req);
    }
    return emit.call(this, event, ...args);
  };
}

/** Whether every percent-escape of the path decodes (a `%` must start a valid UTF-8 sequence of escapes). */
export function hasWellFormedPath(url: string): boolean {
  const path = url.split("?")[0] ?? "";
  try {
    for (const segment of path.split("/")) decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

/** Answers a request whose path does not decode, in its surface's error shape; true when it did. */
export function refuseMalformedPath(req: http.IncomingMessage, res: http.ServerResponse): boolean {
  const url = req.url ?? "/";
  if (hasWellFormedPath(url)) return false;
  const message = "the path has malformed percent-encoding";
  const body = url.startsWith("/2010-04-01/")
    ? { code: 20001, message: `Invalid request: ${message}`, more_info: "https://www.twilio.com/docs/errors/20001", status: 400 }
    : { error: { code: "BAD_REQUEST", message, details: null } };
  res.writeHead(400, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
  return true;
}

/** What the hook does to one request (exported for its test). */
export function markPeer(req: http.IncomingMessage): void {
  const peer = req.socket?.remoteAddress ?? "";
  req.headers[PEER_HEADER] = peer;
  const sent = req.headers["x-forwarded-for"];
  const before = (Array.isArray(sent) ? sent.join(", ") : (sent ?? "")).trim();
  req.headers["x-forwarded-for"] = before ? `${before}, ${peer}` : peer;
}
