// `npm run dev`: the whole platform on one machine with no configuration. Embedded PostgreSQL unless
// DATABASE_URL is set, generated secrets, migrations, idempotent demo seed, the Inngest Dev Server where it
// can be installed, then `next dev`. Ctrl+C stops the children, then PostgreSQL.
import {
  inngestDevServer,
  loadEnvFiles,
  log,
  migrate,
  nextSpec,
  prepareDatabase,
  prepareSecrets,
  runLauncher,
  seedDemoData,
  simulatedNumberProvider,
  supervise,
  telephonySpecs,
  type ChildSpec,
} from "./lib/runtime.ts";
import { planTelephony } from "./lib/telephony-plan.ts";

await runLauncher(async () => {
  loadEnvFiles("development");
  const port = Number(process.env.PORT ?? 3000);
  Object.assign(process.env, { NODE_ENV: "development" });
  process.env.NEXT_TELEMETRY_DISABLED ??= "1";
  process.env.APP_URL ??= `http://localhost:${port}`;
  process.env.NEXTAUTH_URL ??= process.env.APP_URL;
  // Webhook endpoints on this machine (a local receiver) are allowed in development only.
  process.env.WEBHOOK_ALLOW_PRIVATE_HOSTS ??= "localhost,127.0.0.1";

  const database = await prepareDatabase();
  process.env.DATABASE_URL = database.url;
  prepareSecrets("development", database.embedded);
  await migrate(database.url);
  await seedDemoData();

  const children: ChildSpec[] = [];
  const inngest = inngestDevServer(port);
  if (inngest) children.push(inngest);
  const telephony = planTelephony({ env: process.env, embeddedDatabase: database.embedded });
  children.push(...telephonySpecs(telephony));
  await simulatedNumberProvider(telephony);
  children.push(nextSpec("dev", port));
  log(`starting next dev on http://localhost:${port}`);
  supervise(children, database.stop);
});
