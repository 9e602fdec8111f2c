// `npm run db:seed`: the demo tenant and users (src/server/dev/seed-demo.ts), then their credentials.
import { pathToFileURL } from "node:url";
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from "@/server/dev/seed-demo";

export { seedDemo };

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { db } = await import("@/server/db");
  await seedDemo(db);
  console.log("Seeded Demo Co. Sign in with any of these (password: %s):", DEMO_PASSWORD);
  for (const u of DEMO_USERS) console.log(`  ${u.email.padEnd(30)} ${u.isPlatformStaff ? "platform staff (/admin)" : u.role}`);
  await db.$disconnect();
}
