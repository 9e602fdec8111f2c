// The e2e stack's database, for specs that must seed what no page can create quickly (a month of call records,
// minutes of health history). scripts/e2e.ts hands Playwright its DATABASE_URL. Rows are the spec's own.
import pg from "pg";

let pool: pg.Pool | null = null;

export function e2eDatabase(): pg.Pool {
  if (!process.env.DATABASE_URL) throw new Error("DATABASE_URL is not set: run the specs through `npm run test:e2e`");
  return (pool ??= new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 }));
}

export async function closeE2eDatabase(): Promise<void> {
  await pool?.end();
  pool = null;
}

/** The workspace an account signed up (its owner's membership), and the owner as a use-case's actor. */
export async function ownerOf(email: string) {
  const { rows } = await e2eDatabase().query<{ tenantId: string; userId: string }>(
    `SELECT m."tenantId", u.id AS "userId" FROM "Membership" m JOIN "User" u ON u.id = m."userId" WHERE u.email = $1`,
    [email],
  );
  const { tenantId, userId } = rows[0]!;
  return { tenantId, userId, actor: { tenantId, userId, role: "OWNER" as const, apiKeyId: null, impersonatorId: null } };
}

/** A texting number assigned to the workspace (SMS and MMS on, 10 segments/s) and $5 of credit; returns the number. */
export async function giveTextingNumber(tenantId: string, e164: string): Promise<string> {
  const { newSid } = await import("../../src/server/shared/ids");
  await e2eDatabase().query(
    `INSERT INTO "PhoneNumber" (id, "tenantId", e164, origin, "smsEnabled", "mmsEnabled", "messagingSegmentsPerSecond", "friendlyName", "createdAt", "updatedAt")
     VALUES ($1, $2, $3, 'ASSIGNED', true, true, 10, 'Texts', now(), now())`,
    [newSid("PN"), tenantId, e164],
  );
  await e2eDatabase().query(`UPDATE "Tenant" SET "creditMicros" = 5000000 WHERE id = $1`, [tenantId]);
  return e164;
}
