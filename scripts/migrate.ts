// `npm run db:migrate`: applies prisma/migrations to DATABASE_URL (or the embedded PostgreSQL), recording
// them in _prisma_migrations as `prisma migrate deploy` does. `npm run dev` and `npm start` do this anyway.
import { loadEnvFiles, log, migrate, prepareDatabase, runLauncher } from "./lib/runtime.ts";

await runLauncher(async () => {
  loadEnvFiles("development");
  const database = await prepareDatabase();
  await migrate(database.url);
  await database.stop();
  log("done");
});
