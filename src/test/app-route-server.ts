// A tiny HTTP server for tests that dispatches to the App Router route handlers under a folder of src/app, matched
// the way Next matches them (folder names literal, `[name]` one dynamic segment), so client libraries that need a
// base URL (twilio-node) can be tested end to end against the real handlers without starting Next.
import { readdirSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
interface Route {
  pattern: RegExp;
  names: string[];
  module: Record<string, unknown>;
}

const APP_DIR = path.join(process.cwd(), "src/app");

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? routeFiles(path.join(dir, d.name)) : /^route\.tsx?$/.test(d.name) ? [path.join(dir, d.name)] : [],
  );
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

async function loadRoutes(folder: string): Promise<Route[]> {
  const routes: Route[] = [];
  for (const file of routeFiles(path.join(APP_DIR, folder))) {
    const segments = path.relative(APP_DIR, path.dirname(file)).split(path.sep).filter((s) => !/^\(.*\)$/.test(s));
    const names: string[] = [];
    const pattern = segments
      .map((s) => {
        const dynamic = /^\[(\w+)\]$/.exec(s);
        if (!dynamic) return escape(s);
        names.push(dynamic[1]!);
        return "([^/]+)";
      })
      .join("/");
    routes.push({ pattern: new RegExp(`^/${pattern}$`), names, module: (await import(file)) as Record<string, unknown> });
  }
  return routes;
}

export async function startAppRouteServer(folder: string) {
  const routes = await loadRoutes(folder);
  const requests: { method: string; url: string }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      void (async () => {
        requests.push({ method: req.method ?? "GET", url: req.url ?? "/" });
        const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "127.0.0.1"}`);
        const route = routes.map((r) => ({ r, m: r.pattern.exec(url.pathname) })).find((x) => x.m);
        const handler = route?.r.module[req.method ?? "GET"] as Handler | undefined;
        if (!route || !handler) {
          res.writeHead(route ? 405 : 404).end();
          return;
        }
        const params = Object.fromEntries(route.r.names.map((n, i) => [n, decodeURIComponent(route.m![i + 1]!)]));
        const headers = new Headers();
        for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
        const body = chunks.length ? Buffer.concat(chunks) : undefined;
        const response = await handler(new Request(url, { method: req.method, headers, body: req.method === "GET" || req.method === "HEAD" ? undefined : body }), { params: Promise.resolve(params) });
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      })().catch((err: unknown) => {
        res.writeHead(500).end(String(err));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
