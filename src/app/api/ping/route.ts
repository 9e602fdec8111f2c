// Liveness of the HTTP stack alone (no auth, no database): the benchmark's baseline for what a route costs.
export const dynamic = "force-dynamic";

const PONG = JSON.stringify({ ok: true, service: "irisx" });

export function GET(): Response {
  return new Response(PONG, { headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" } });
}
