// The address the app's own HTTP server saw, which no client can choose. Next.js keeps a client's X-Forwarded-For
// as sent (it only fills the header when absent), so with no proxy in front the client picked its own address for
// every per-IP limit and for the loopback-only switch directory. Installed once per server process (before it
// serves: src/instrumentation-node.ts), this hook runs ahead of Next.js on every request and
//   - sets PEER_HEADER to the socket's remote address, overwriting whatever the client sent under that name;
//   - appends the same address to X-Forwarded-For, as a proxy would, so the last entry is always the true peer.
// clientIp() then reads TRUSTED_PROXY_HOPS entries to the left of it.
import http from "node:http";

export const PEER_HEADER = "x-irisx-peer";

const installed = Symbol.for("irisx.peerAddressHook");

export function installPeerAddressHook(): void {
  const proto = http.Server.prototype as unknown as Record<symbol, boolean> & { emit: (event: string | symbol, ...args: unknown[]) => boolean };
  if (proto[installed]) return;
  proto[installed] = true;
  const emit = proto.emit;
  proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request") markPeer(args[0] as http.IncomingMessage);
    return emit.call(this, event, ...args);
  };
}

/** What the hook does to one request (exported for its test). */
export function markPeer(req: http.IncomingMessage): void {
  const peer = req.socket?.remoteAddress ?? "";
  req.headers[PEER_HEADER] = peer;
  const sent = req.headers["x-forwarded-for"];
  const before = (Array.isArray(sent) ? sent.join(", ") : (sent ?? "")).trim();
  req.headers["x-forwarded-for"] = before ? `${before}, ${peer}` : peer;
}
