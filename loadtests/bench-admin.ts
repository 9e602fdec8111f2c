// `npm run bench:admin`: the /admin global search and tenants list at platform scale, as server time (the use-case
// functions called in this process, the way their tRPC procedures call them; no HTTP, no rendering).
//
//   1. Seeds its own PostgreSQL (.data/bench-postgres, BENCH_PG_PORT) with 10,000 tenants, 200,000 users, 1,000,000
//      calls and the rest (lib/admin-seed.ts).
//   2. Runs each query shape BENCH_ITERATIONS (40) times with varied inputs drawn from the seeded rows, shapes taken
//      in turn so a burst of other load hits them alike, and checks that the searches scanned no big table whole.
//   3. Drops the indexes the admin_search migration added (the pg_trgm GIN indexes and the rollup's day index) and
//      runs the same shapes BENCH_BASELINE_ITERATIONS (15) times: the baseline, side by side.
// Targets (issue 13): global search p95 under 150 ms over all its shapes; every tenants-list shape p95 under 300 ms.
// Exits 1 when a target is missed.
import pg from "pg";
import { SEED, seedAdminBench } from "./lib/admin-seed.ts";
import { cpuReferenceMs, percentile, runBenchmark, startBenchDatabase } from "./lib/harness.ts";

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 40);
const BASELINE_ITERATIONS = Number(process.env.BENCH_BASELINE_ITERATIONS ?? 15);
const SEARCH_P95_MS = 150;
const LIST_P95_MS = 300;
/** The indexes the admin_search migration created for these queries (primary and unique keys predate it). */
const ADDED_INDEXES = [
  ...["Tenant", "User", "Invitation", "CallerId", "PhoneNumber"].map((table) => `${table}_search_trgm_idx`),
  ...["Tenant_name", "Tenant_slug", "User_email", "User_name", "Invitation_email", "PhoneNumber_friendlyName"].map((column) => `${column}_lower_idx`),
  "TenantDailyUsage_day_tenantId_calls_idx",
];
const BIG_TABLES = ["Call", "User", "Membership", "PhoneNumber", "Recording", "ApiKey", "Invitation", "CallerId"];

type Group = "search" | "list";
interface Shape {
  name: string;
  group: Group;
  /** The i-th varied input's query. */
  run: (i: number) => Promise<unknown>;
}

/** Rows to draw inputs from: a spread of real ids, names, addresses and numbers. */
async function samples(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const pick = async <T,>(sql: string) => (await client.query<T & pg.QueryResultRow>(sql)).rows;
  try {
    return {
      tenants: await pick<{ id: string; name: string; slug: string; accountSid: string }>(`SELECT id, name, slug, "accountSid" FROM "Tenant" ORDER BY md5(id) LIMIT 200`),
      users: await pick<{ id: string; email: string; name: string }>(`SELECT id, email, name FROM "User" ORDER BY md5(id) LIMIT 200`),
      numbers: await pick<{ e164: string }>(`SELECT e164 FROM "PhoneNumber" ORDER BY md5(id) LIMIT 200`),
      calls: await pick<{ id: string; channelUuid: string }>(`SELECT id, "channelUuid" FROM "Call" ORDER BY md5(id) LIMIT 200`),
      recordings: await pick<{ id: string }>(`SELECT id FROM "Recording" ORDER BY md5(id) LIMIT 200`),
    };
  } finally {
    await client.end();
  }
}

async function shapes(url: string): Promise<Shape[]> {
  const { globalSearch } = await import("../src/server/admin/global-search.ts");
  const { findTenants } = await import("../src/server/admin/find-tenants.ts");
  const s = await samples(url);
  const at = <T,>(list: T[], i: number) => list[i % list.length]!;
  const typo = (name: string) => name.replace(/([aeiou])/, "$1$1");
  const search = (name: string, q: (i: number) => string): Shape => ({ name, group: "search", run: (i) => globalSearch({ q: q(i) }) });
  const list = (name: string, input: (i: number) => Parameters<typeof findTenants>[0]): Shape => ({ name, group: "list", run: (i) => findTenants(input(i)) });
  const words = ["harbor", "dental", "logist", "summit", "telecom", "realty", "vertex", "clinic"];
  return [
    search("tenant name, whole", (i) => at(s.tenants, i).name),
    search("tenant name, a word's start", (i) => at(words, i)),
    search("tenant id", (i) => at(s.tenants, i).id),
    search("tenant id, its start", (i) => at(s.tenants, i).id.slice(0, 10)),
    search("AccountSid", (i) => at(s.tenants, i).accountSid),
    search("user email, whole", (i) => at(s.users, i).email),
    search("user email, its start", (i) => at(s.users, i).email.slice(0, 12)),
    search("person's name (80 share each)", (i) => at(s.users, i).name),
    search("person's name, misspelt", (i) => typo(at(s.users, i).name)),
    search("user id", (i) => at(s.users, i).id),
    search("vague text (gmail, jo)", (i) => (i % 2 ? "gmail" : "jo")),
    search("E.164 number", (i) => at(s.numbers, i).e164),
    search("number written (415) 555-…", (i) => at(s.numbers, i).e164.replace(/^\+1(\d{3})(\d{3})(\d{4})$/, "($1) $2-$3")),
    search("run of 5 digits", (i) => at(s.numbers, i).e164.slice(5, 10)),
    search("call sid", (i) => at(s.calls, i).id),
    search("call sid, its start", (i) => at(s.calls, i).id.slice(0, 10)),
    search("channel uuid", (i) => at(s.calls, i).channelUuid),
    search("recording sid", (i) => at(s.recordings, i).id),
    list("default page (newest)", () => ({})),
    list("search: part of a name", (i) => ({ q: at(words, i) })),
    list("search: owner email's start", (i) => ({ q: at(s.users.filter((u) => u.email), i).email.slice(0, 10) })),
    list("sort by usage (30 days)", (i) => ({ sort: "usage", dir: i % 2 ? "asc" : "desc" })),
    list("sort by name, page 20", () => ({ sort: "name", dir: "asc", page: 20 })),
    list("suspended on a plan, by credit", () => ({ status: "SUSPENDED", plan: "pp_bench_starter", sort: "credit" })),
    list("inactive, created last year", () => ({ usage: "inactive", createdFrom: new Date(Date.now() - 365 * 86_400_000), sort: "created" })),
    list("active, least used first", () => ({ usage: "active", sort: "usage", dir: "asc" })),
  ];
}

/** Milliseconds of each run of each shape, shapes taken in turn. */
async function measure(all: Shape[], iterations: number): Promise<Map<string, number[]>> {
  const times = new Map(all.map((s) => [s.name, [] as number[]]));
  for (let i = 0; i < iterations; i++) {
    for (const shape of all) {
      const started = performance.now();
      await shape.run(i);
      times.get(shape.name)!.push(performance.now() - started);
    }
  }
  return times;
}

async function seqScans(url: string): Promise<Map<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // An idle backend publishes its table counters within 10 s (PGSTAT_IDLE_INTERVAL): wait them out.
    await new Promise((r) => setTimeout(r, 11_000));
    const { rows } = await client.query<{ relname: string; seq_scan: string }>(`SELECT relname, seq_scan FROM pg_stat_user_tables WHERE relname = ANY($1)`, [BIG_TABLES]);
    return new Map(rows.map((r) => [r.relname, Number(r.seq_scan)]));
  } finally {
    await client.end();
  }
}

async function usageCountedFromCalls(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const times: number[] = [];
  try {
    for (let i = 0; i < 10; i++) {
      const started = performance.now();
      await client.query(`SELECT t.id FROM "Tenant" t
        LEFT JOIN (SELECT "tenantId", count(*) AS calls FROM "Call" WHERE "createdAt" >= (now() AT TIME ZONE 'UTC') - interval '30 days' GROUP BY 1) u ON u."tenantId" = t.id
        ORDER BY coalesce(u.calls, 0) DESC, t.id DESC LIMIT 50`);
      times.push(performance.now() - started);
    }
  } finally {
    await client.end();
  }
  return stats(times);
}

const stats = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
};

async function main(): Promise<number> {
  console.log(`machine speed: a fixed loop took ${cpuReferenceMs()} ms (lower is faster; compare runs with it)`);
  const database = await startBenchDatabase(`irisx_bench_admin_${Date.now()}`);
  try {
    console.log(`seeding ${SEED.tenants.toLocaleString("en")} tenants, ${SEED.users.toLocaleString("en")} users, ${SEED.calls.toLocaleString("en")} calls…`);
    const seedSeconds = await seedAdminBench(database.url, console.log);
    console.log(`seeded in ${seedSeconds.toFixed(0)} s`);
    Object.assign(process.env, { DATABASE_URL: database.url, LOG_LEVEL: "silent" });
    const all = await shapes(database.url);

    console.log("warming up…");
    await measure(all, 3);
    const searchOnly = all.filter((s) => s.group === "search");
    const before = await seqScans(database.url);
    await measure(searchOnly, 5);
    const after = await seqScans(database.url);
    const scanned = BIG_TABLES.filter((t) => (after.get(t) ?? 0) > (before.get(t) ?? 0)).map((t) => `${t} (${after.get(t)! - before.get(t)!})`);
    console.log(`whole-table scans of big tables during ${searchOnly.length * 5} searches: ${scanned.length ? scanned.join(", ") : "none"}`);

    console.log(`measuring with the indexes: ${ITERATIONS} runs of each of ${all.length} shapes…`);
    const indexed = await measure(all, ITERATIONS);

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query(`DROP INDEX ${ADDED_INDEXES.map((i) => `"${i}"`).join(", ")}`);
    await client.query("ANALYZE");
    await client.end();
    console.log(`measuring without them (baseline): ${BASELINE_ITERATIONS} runs of each shape…`);
    const baseline = await measure(all, BASELINE_ITERATIONS);

    // What the rollup saves: the usage sort's aggregate counted from the calls themselves, on their (tenantId,
    // createdAt) index, with no TenantDailyUsage.
    const fromCalls = await usageCountedFromCalls(database.url);

    const rows = all.map((shape) => {
      const w = stats(indexed.get(shape.name)!);
      const b = stats(baseline.get(shape.name)!);
      return { group: shape.group, query: shape.name, "p50 ms": w.p50, "p95 ms": w.p95, "p99 ms": w.p99, "no-index p50": b.p50, "no-index p95": b.p95, "no-index p99": b.p99 };
    });
    const overall = (group: Group, from: Map<string, number[]>) => stats(all.filter((s) => s.group === group).flatMap((s) => from.get(s.name)!));
    for (const group of ["search", "list"] as const) {
      const w = overall(group, indexed);
      const b = overall(group, baseline);
      rows.push({ group, query: `ALL ${group === "search" ? "global search" : "tenants list"} queries`, "p50 ms": w.p50, "p95 ms": w.p95, "p99 ms": w.p99, "no-index p50": b.p50, "no-index p95": b.p95, "no-index p99": b.p99 });
    }
    console.table(rows);

    const searchP95 = overall("search", indexed).p95;
    const slowLists = rows.filter((r) => r.group === "list" && !r.query.startsWith("ALL") && r["p95 ms"] >= LIST_P95_MS);
    const searchOk = searchP95 < SEARCH_P95_MS;
    console.log(`global search p95 over every shape: ${searchP95} ms (target < ${SEARCH_P95_MS} ms) ${searchOk ? "PASS" : "FAIL"}`);
    console.log(`tenants list p95 per shape: worst ${Math.max(...rows.filter((r) => r.group === "list").map((r) => r["p95 ms"]))} ms (target < ${LIST_P95_MS} ms) ${slowLists.length ? `FAIL: ${slowLists.map((r) => r.query).join(", ")}` : "PASS"}`);
    console.log(`usage sort counted from the 1,000,000 calls instead of the daily rollup: p50 ${fromCalls.p50} ms, p95 ${fromCalls.p95} ms (the rollup's sort above: p95 ${rows.find((r) => r.query === "sort by usage (30 days)")!["p95 ms"]} ms)`);
    if (scanned.length) console.log("FAIL: a search read a big table whole");
    console.log(`machine speed at the end: the same loop took ${cpuReferenceMs()} ms`);
    return searchOk && slowLists.length === 0 && scanned.length === 0 ? 0 : 1;
  } finally {
    await database.stop();
  }
}

runBenchmark(main);
