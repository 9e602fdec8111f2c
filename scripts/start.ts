// `npm start`: production mode. Builds first when there is no build yet. With DATABASE_URL unset it runs on
// the embedded PostgreSQL and generated secrets (a production-like run on one machine); with a real
// DATABASE_URL, NEXTAUTH_SECRET and APP_ENCRYPTION_KEY are required. Demo data is seeded unless DEMO_SEED=0.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { inngestDevServer, loadEnvFiles, LaunchError, log, migrate, NEXT_BIN, nextSpec, prepareDatabase, prepareSecrets, runLauncher, seedDemoData, supervise, telephonySpecs, type ChildSpec } from "./lib/runtime.ts";
import { planTelephony } from "./lib/telephony-plan.ts";

await runLauncher(async () => {
  loadEnvFiles("production");
  const port = Number(process.env.PORT ?? 3000);
  Object.assign(process.env, { NODE_ENV: "production" });
  process.env.NEXT_TELEMETRY_DISABLED ??= "1";
  process.env.APP_URL ??= `http://localhost:${port}`;
  process.env.NEXTAUTH_URL ??= process.env.APP_URL;

  const distDir = process.env.NEXT_DIST_DIR ?? ".next";
  if (!existsSync(path.join(distDir, "BUILD_ID"))) {
    log(`no build in ${distDir}: running next build first`);
    const build = spawnSync(process.execPath, [NEXT_BIN, "build"], { stdio: "inherit", env: process.env });
    if (build.status !== 0) throw new LaunchError("next build failed");
  }

  const database = await prepareDatabase();
  process.env.DATABASE_URL = database.url;
  prepareSecrets("production", database.embedded);
  await migrate(database.url);
  if (process.env.DEMO_SEED !== "0") await seedDemoData();

  const children: ChildSpec[] = [];
  // Only where no Inngest is configured and the CLI happens to be installed; production sets INNGEST_BASE_URL.
  const inngest = inngestDevServer(port);
  if (inngest) children.push(inngest);
  children.push(...telephonySpecs(planTelephony({ env: process.env, embeddedDatabase: database.embedded })));
  children.push(nextSpec("start", port));
  log(`starting next start on http://localhost:${port}`);
  supervise(children, database.stop);
});
