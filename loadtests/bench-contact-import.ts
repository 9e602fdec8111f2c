// `npm run bench:contact-import`: a CSV of IMPORT_ROWS (1,000,000) contacts imported by the job in this process,
// measuring that memory stays bounded while it streams: the resident set (RSS) is sampled every 100 ms, and its
// peak over the first 10% of the rows is compared with its peak over the whole import. A reader that held rows
// would grow with the file; a streaming one stays flat. Also reports rows/s.
//   1. Its own PostgreSQL (.data/bench-postgres, BENCH_PG_PORT), a fresh database.
//   2. The file is written as a stream (name, phone, email, tags, one bad row in 10,000) and uploaded as a stream.
//   3. runContactImports until the import completes.
// Exits 1 when the peak grows by more than IMPORT_RSS_GROWTH_MB (64) after the first 10%, or when the row counts
// are wrong.
import { createReadStream, createWriteStream, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { once } from "node:events";
import { ROOT, runBenchmark, startBenchDatabase } from "./lib/harness.ts";

const ROWS = Number(process.env.IMPORT_ROWS ?? 1_000_000);
const GROWTH_LIMIT_MB = Number(process.env.IMPORT_RSS_GROWTH_MB ?? 64);
const BAD_EVERY = 10_000;
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

async function writeCsv(file: string): Promise<number> {
  const out = createWriteStream(file);
  out.write("name,phone,email,tags\n");
  let bad = 0;
  for (let i = 0; i < ROWS; i++) {
    const isBad = i % BAD_EVERY === BAD_EVERY - 1;
    if (isBad) bad++;
    const line = `Person ${i},${isBad ? "not-a-phone" : `+1${(2_000_000_000 + i).toString()}`},person${i}@example.com,${i % 3 ? "lead" : "lead;vip"}\n`;
    if (!out.write(line)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  return bad;
}

async function main(): Promise<number> {
  const dbName = `irisx_bench_contacts_${Date.now()}`;
  const database = await startBenchDatabase(dbName, Number(process.env.BENCH_PG_PORT ?? 25465));
  process.env.DATABASE_URL = database.url;
  const dir = path.join(ROOT, ".data", "bench-contact-imports");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  process.env.CONTACT_IMPORTS_DIR = dir;
  const file = path.join(dir, "upload.csv");
  const bad = await writeCsv(file);
  console.log(`wrote ${ROWS.toLocaleString("en")} rows (${bad} bad) to ${file}`);

  const { db } = await import("../src/server/db.ts");
  const { newId } = await import("../src/server/shared/ids.ts");
  const { createContactImport } = await import("../src/server/contacts/create-contact-import.ts");
  const { runContactImports } = await import("../src/server/contacts/run-contact-imports.ts");
  const tenantId = newId("tn");
  await db.tenant.create({ data: { id: tenantId, name: "Import bench", slug: tenantId } });
  const actor = { tenantId, role: "OWNER" as const, userId: null, apiKeyId: null, impersonatorId: null };
  const imp = await createContactImport(actor, { fileName: "upload.csv", csv: createReadStream(file), mapping: { name: "display_name", phone: "identity:PHONE", email: "identity:EMAIL", tags: "tags" } });

  global.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  let peakFirstTenth = baseline;
  let rowsSoFar = 0;
  const sampler = setInterval(() => {
    const rss = process.memoryUsage().rss;
    peak = Math.max(peak, rss);
    if (rowsSoFar <= ROWS / 10) peakFirstTenth = Math.max(peakFirstTenth, rss);
  }, 100);
  const progress = setInterval(() => {
    void db.contactImport.findUnique({ where: { id: imp.id }, select: { rowsProcessed: true } }).then((r) => {
      rowsSoFar = r?.rowsProcessed ?? rowsSoFar;
      console.log(`  ${rowsSoFar.toLocaleString("en")} rows, rss ${mb(process.memoryUsage().rss)} MB, heap used ${mb(process.memoryUsage().heapUsed)} MB`);
    });
  }, 5_000);
  const started = performance.now();
  for (;;) if ((await runContactImports({ deadlineMs: 60_000, batchSize: 2_000 })).idle) break;
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  clearInterval(progress);

  const done = await db.contactImport.findUniqueOrThrow({ where: { id: imp.id } });
  const growth = mb(peak - peakFirstTenth);
  console.log(`\nimported ${done.rowsProcessed.toLocaleString("en")} rows in ${seconds.toFixed(1)} s (${Math.round(done.rowsProcessed / seconds)} rows/s): ${done.rowsCreated} created, ${done.rowsFailed} failed`);
  console.log(`RSS: before ${mb(baseline)} MB, peak over the first 10% ${mb(peakFirstTenth)} MB, peak overall ${mb(peak)} MB (growth after the first 10%: ${growth} MB, limit ${GROWTH_LIMIT_MB} MB)`);
  await db.$disconnect();
  await database.stop();
  rmSync(dir, { recursive: true, force: true });
  const ok = done.status === "COMPLETED" && done.rowsProcessed === ROWS && done.rowsFailed === bad && growth <= GROWTH_LIMIT_MB;
  console.log(ok ? "PASS" : "FAIL");
  return ok ? 0 : 1;
}

runBenchmark(main);
