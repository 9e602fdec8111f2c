// The platform bench:admin measures: 10,000 tenants, 200,000 users (owners and members), 1,000,000 calls over the last
// 120 days with a skewed spread (a few busy tenants, a long tail of quiet ones), 20,000 numbers, caller IDs, pending
// invitations, API keys and recordings. Written with INSERT … SELECT generate_series, set-based, so it takes about a
// minute on two cores; ids, names and addresses look like the real ones (sids are "CA" + 32 hex, ids "tn_" + 26).
import pg from "pg";

export const SEED = { tenants: 10_000, users: 200_000, calls: 1_000_000, numbers: 20_000, callerIds: 5_000, invitations: 5_000, apiKeys: 10_000, recordings: 20_000 };

const FIRST = ["james", "mary", "john", "patricia", "robert", "jennifer", "michael", "linda", "william", "elizabeth", "david", "barbara", "richard", "susan", "joseph", "jessica", "thomas", "sarah", "charles", "karen", "chris", "nancy", "daniel", "lisa", "matthew", "betty", "anthony", "margaret", "mark", "sandra", "donald", "ashley", "steven", "kimberly", "paul", "emily", "andrew", "donna", "joshua", "michelle", "kenneth", "dorothy", "kevin", "carol", "brian", "amanda", "george", "melissa", "timothy", "deborah"];
const LAST = ["smith", "johnson", "williams", "brown", "jones", "garcia", "miller", "davis", "rodriguez", "martinez", "hernandez", "lopez", "gonzalez", "wilson", "anderson", "thomas", "taylor", "moore", "jackson", "martin", "lee", "perez", "thompson", "white", "harris", "sanchez", "clark", "ramirez", "lewis", "robinson", "walker", "young", "allen", "king", "wright", "scott", "torres", "nguyen", "hill", "flores", "green", "adams", "nelson", "baker", "hall", "rivera", "campbell", "mitchell", "carter", "roberts"];
const DOMAINS = ["gmail.com", "outlook.com", "yahoo.com", "icloud.com", "proton.me", "acme.io", "example.com", "fastmail.com"];
const ADJECTIVES = ["blue", "rapid", "silver", "north", "bright", "prime", "summit", "harbor", "golden", "urban", "pioneer", "crystal", "metro", "coastal", "alpine", "vertex", "quantum", "evergreen", "liberty", "redwood"];
const NOUNS = ["logistics", "dental", "realty", "telecom", "insurance", "clinic", "motors", "solutions", "travel", "energy", "foods", "legal", "health", "labs", "media", "finance", "support", "retail", "fitness", "studio"];
const AREAS = ["212", "305", "312", "415", "512", "617", "646", "702", "713", "818", "917", "206", "303", "404", "503"];

const arr = (xs: string[]) => `ARRAY[${xs.map((x) => `'${x}'`).join(",")}]`;

/** Statements in order; each is one set-based INSERT. `$n` placeholders are not used: the sizes are constants. */
function statements(): { what: string; sql: string }[] {
  const s = SEED;
  return [
    {
      what: "price plans",
      sql: `INSERT INTO "PricePlan" (id, name, "outboundMicrosPerMinute", "inboundMicrosPerMinute", "updatedAt") VALUES
        ('pp_bench_starter', 'Bench Starter', 14000, 8500, now()), ('pp_bench_growth', 'Bench Growth', 11000, 7000, now()), ('pp_bench_scale', 'Bench Scale', 9000, 5000, now())`,
    },
    {
      what: `${s.tenants.toLocaleString("en")} tenants`,
      sql: `INSERT INTO "Tenant" (id, name, slug, status, "suspendedReason", "creditMicros", "pricePlanId", "deletionRequestedAt", "purgeAfter", "createdAt", "updatedAt")
        SELECT 'tn_' || substr(md5('tenant' || i), 1, 26),
          initcap((${arr(ADJECTIVES)})[1 + i % 20]) || ' ' || initcap((${arr(NOUNS)})[1 + (i / 20) % 20]) || CASE WHEN i >= 400 THEN ' ' || (i / 400) ELSE '' END,
          (${arr(ADJECTIVES)})[1 + i % 20] || '-' || (${arr(NOUNS)})[1 + (i / 20) % 20] || '-' || i,
          CASE WHEN i % 20 = 7 OR i % 100 = 3 THEN 'SUSPENDED' ELSE 'ACTIVE' END::"TenantStatus",
          CASE WHEN i % 20 = 7 OR i % 100 = 3 THEN 'unpaid invoice' END,
          (hashint4(i)::bigint & 2147483647) % 500000000,
          CASE WHEN i % 10 < 3 THEN 'pp_bench_starter' WHEN i % 10 < 5 THEN 'pp_bench_growth' WHEN i % 10 = 5 THEN 'pp_bench_scale' END,
          CASE WHEN i % 100 = 3 THEN now() - interval '3 days' END, CASE WHEN i % 100 = 3 THEN now() + interval '27 days' END,
          now() - (i % 1000) * interval '1 day' - (i % 86400) * interval '1 second', now()
        FROM generate_series(0, ${s.tenants - 1}) i`,
    },
    {
      what: `${s.users.toLocaleString("en")} users`,
      sql: `INSERT INTO "User" (id, email, name, "passwordHash", "emailVerifiedAt", "createdAt", "updatedAt")
        SELECT 'usr_' || substr(md5('user' || i), 1, 26),
          (${arr(FIRST)})[1 + i % 50] || '.' || (${arr(LAST)})[1 + (i / 50) % 50] || i || '@' || (${arr(DOMAINS)})[1 + (i / 7) % 8],
          initcap((${arr(FIRST)})[1 + i % 50]) || ' ' || initcap((${arr(LAST)})[1 + (i / 50) % 50]),
          'bench-no-password', now(), now() - (i % 900) * interval '1 day', now()
        FROM generate_series(0, ${s.users - 1}) i`,
    },
    {
      what: "memberships (an owner per tenant, the rest members)",
      sql: `INSERT INTO "Membership" (id, "tenantId", "userId", role, "createdAt")
        SELECT 'mem_' || substr(md5('membership' || i), 1, 26), 'tn_' || substr(md5('tenant' || (i % ${s.tenants})), 1, 26), 'usr_' || substr(md5('user' || i), 1, 26),
          (CASE WHEN i < ${s.tenants} THEN 'OWNER' WHEN i % 5 = 0 THEN 'ADMIN' ELSE 'AGENT' END)::"MemberRole", now()
        FROM generate_series(0, ${s.users - 1}) i`,
    },
    {
      what: `${s.numbers.toLocaleString("en")} phone numbers`,
      sql: `INSERT INTO "PhoneNumber" (id, "tenantId", e164, origin, "friendlyName", "createdAt", "updatedAt")
        SELECT 'PN' || md5('number' || i), 'tn_' || substr(md5('tenant' || (i % ${s.tenants})), 1, 26),
          '+1' || (${arr(AREAS)})[1 + i % 15] || lpad(((i * 7919) % 10000000)::text, 7, '0'),
          'ASSIGNED'::"NumberOrigin", CASE WHEN i % 3 = 0 THEN 'Main line' WHEN i % 3 = 1 THEN 'Support ' || (i % 100) ELSE '' END, now(), now()
        FROM generate_series(0, ${s.numbers - 1}) i`,
    },
    {
      what: `${s.calls.toLocaleString("en")} calls (the daily usage rollup is written by the trigger)`,
      // Skewed: tenant = 10,000 × r³ puts a third of the calls on the busiest 4 % of tenants.
      sql: `INSERT INTO "Call" (id, "tenantId", direction, status, "from", "to", "channelUuid", "statusCallbackEvents", "queuedAt", "createdAt", "updatedAt", "endedAt", "durationSeconds", billsec)
        SELECT 'CA' || md5('call' || i), 'tn_' || substr(md5('tenant' || floor(${s.tenants} * power(r1, 3))::int), 1, 26),
          'OUTBOUND_API'::"CallDirection", 'COMPLETED'::"CallStatus",
          '+1' || (${arr(AREAS)})[1 + i % 15] || lpad((i % 10000000)::text, 7, '0'), '+1' || (${arr(AREAS)})[1 + (i / 15) % 15] || lpad(((i * 31) % 10000000)::text, 7, '0'),
          md5('channel' || i)::uuid::text, '{}', at, at, at, at + interval '2 minutes', 120, 110
        FROM (SELECT i, random() AS r1, now() - random() * interval '120 days' AS at FROM generate_series(0, ${s.calls - 1}) i) c`,
    },
    {
      what: `${s.recordings.toLocaleString("en")} recordings`,
      sql: `INSERT INTO "Recording" (id, "tenantId", "callId", status, "startedAt", "createdAt")
        SELECT 'RE' || md5('recording' || c.id), c."tenantId", c.id, 'COMPLETED'::"RecordingStatus", c."createdAt", c."createdAt" FROM "Call" c ORDER BY c.id LIMIT ${s.recordings}`,
    },
    {
      what: `${s.callerIds.toLocaleString("en")} caller IDs`,
      sql: `INSERT INTO "CallerId" (id, "tenantId", e164, "verifiedAt", "createdAt", "updatedAt")
        SELECT 'CI' || md5('callerid' || i), 'tn_' || substr(md5('tenant' || (i % ${s.tenants})), 1, 26), '+44' || lpad(((i * 104729) % 10000000000)::text, 10, '7'), now(), now(), now()
        FROM generate_series(0, ${s.callerIds - 1}) i`,
    },
    {
      what: `${s.invitations.toLocaleString("en")} pending invitations`,
      sql: `INSERT INTO "Invitation" (id, "tenantId", email, role, "tokenHash", "invitedById", "expiresAt", "createdAt")
        SELECT 'inv_' || substr(md5('invitation' || i), 1, 26), 'tn_' || substr(md5('tenant' || (i % ${s.tenants})), 1, 26),
          'invitee' || i || '@' || (${arr(DOMAINS)})[1 + i % 8], 'AGENT'::"MemberRole", md5('token' || i), 'usr_' || substr(md5('user' || (i % ${s.tenants})), 1, 26), now() + interval '7 days', now()
        FROM generate_series(0, ${s.invitations - 1}) i`,
    },
    {
      what: `${s.apiKeys.toLocaleString("en")} API keys`,
      sql: `INSERT INTO "ApiKey" (id, "tenantId", name, scopes, "secretHash", "secretLast4", "createdAt")
        SELECT 'AK' || md5('apikey' || i), 'tn_' || substr(md5('tenant' || (i % ${s.tenants})), 1, 26), 'key ' || i, ARRAY['*'], md5('secret' || i), 'abcd', now()
        FROM generate_series(0, ${s.apiKeys - 1}) i`,
    },
  ];
}

/** Seeds the database at `url` (freshly migrated, empty), then VACUUM ANALYZE so plans see the real sizes. */
export async function seedAdminBench(url: string, log: (line: string) => void): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const started = performance.now();
  try {
    for (const { what, sql } of statements()) {
      const t = performance.now();
      await client.query(sql);
      log(`  ${what}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
    const t = performance.now();
    await client.query("VACUUM ANALYZE");
    log(`  VACUUM ANALYZE: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  } finally {
    await client.end();
  }
  return (performance.now() - started) / 1000;
}
