import { describe, expect, it } from "vitest";
import { ensureTenantAuthToken } from "@/server/account/ensure-tenant-auth-token";
import { forgetTenantAuthToken, getTenantAuthToken } from "@/server/account/get-tenant-auth-token";
import { getTwilioAccount } from "@/server/account/get-twilio-account";
import { getTwilioCredentials } from "@/server/account/get-twilio-credentials";
import { rotateAuthToken } from "@/server/account/rotate-auth-token";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { createTestTenant } from "@/test/factories";

async function codeOf(p: Promise<unknown>): Promise<string | null> {
  return p.then(
    () => null,
    (e: unknown) => (e instanceof AppError ? e.code : String(e)),
  );
}

describe("Twilio-compatible credentials", () => {
  it("gives every tenant an AccountSid like Twilio's and creates the auth token on first use, sealed", async () => {
    const { tenant, actor } = await createTestTenant();
    expect(tenant.accountSid).toMatch(/^AC[0-9a-f]{32}$/);
    expect(tenant.authTokenCipher).toBeNull();
    expect(await getTwilioAccount(actor)).toEqual({ accountSid: tenant.accountSid, authTokenCreated: false });

    const credentials = await getTwilioCredentials(actor);
    expect(credentials.accountSid).toBe(tenant.accountSid);
    expect(credentials.authToken).toMatch(/^[0-9a-f]{32}$/);
    const row = await db.tenant.findUniqueOrThrow({ where: { id: tenant.id } });
    expect(row.authTokenCipher).toMatch(/^v1\./);
    expect(row.authTokenCipher).not.toContain(credentials.authToken);
    expect((await getTwilioCredentials(actor)).authToken).toBe(credentials.authToken);
    expect(await getTwilioAccount(actor)).toEqual({ accountSid: tenant.accountSid, authTokenCreated: true });
    const audits = await db.auditLog.findMany({ where: { tenantId: tenant.id, action: "account.auth_token_revealed" } });
    expect(audits).toHaveLength(2);
    expect(JSON.stringify(audits)).not.toContain(credentials.authToken);
  });

  it("agrees on one token when many first uses race", async () => {
    const { tenant } = await createTestTenant();
    const results = await Promise.all(Array.from({ length: 8 }, () => ensureTenantAuthToken(tenant.id)));
    expect(new Set(results.map((r) => r?.authToken)).size).toBe(1);
    forgetTenantAuthToken(tenant.id);
    expect(await getTenantAuthToken(tenant.id)).toBe(results[0]?.authToken);
  });

  it("rotates for owners and admins only, audits it, and the signing key follows at once", async () => {
    const { tenant, actor } = await createTestTenant();
    const before = await getTenantAuthToken(tenant.id);
    const rotated = await rotateAuthToken(actor);
    expect(rotated.authToken).toMatch(/^[0-9a-f]{32}$/);
    expect(rotated.authToken).not.toBe(before);
    expect(await getTenantAuthToken(tenant.id)).toBe(rotated.authToken);
    const audit = await db.auditLog.findFirstOrThrow({ where: { tenantId: tenant.id, action: "account.auth_token_rotated" } });
    expect(JSON.stringify(audit)).not.toContain(rotated.authToken);

    const developer = { ...actor, role: "DEVELOPER" as const };
    expect(await codeOf(rotateAuthToken(developer))).toBe("FORBIDDEN");
    expect((await getTwilioCredentials(developer)).authToken).toBe(rotated.authToken);
    const agent = { ...actor, role: "AGENT" as const };
    expect(await codeOf(getTwilioCredentials(agent))).toBe("FORBIDDEN");
    expect(await codeOf(getTwilioAccount(agent))).toBe("FORBIDDEN");
  });

  it("reads an unknown tenant as not found", async () => {
    expect(await codeOf(getTenantAuthToken("tn_missing"))).toBe("NOT_FOUND");
  });
});
