// Next.js calls register() once per server process before it serves requests. The Node.js part lives in
// its own module, imported only in that runtime, so nothing server-only is bundled for the edge.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // `next build` loads this file in its workers too; background loops have no business there.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { registerNodeServer } = await import("./instrumentation-node");
  await registerNodeServer();
}
