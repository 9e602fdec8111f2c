import { defineConfig } from "prisma/config";

// The datasource URL is read lazily from the environment: `env()` from prisma/config throws when it is
// unset, which would break `prisma generate` on a fresh checkout. The app itself never reads this file.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed.ts" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/irisx" },
});
