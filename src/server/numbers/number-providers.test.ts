import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { type AppError } from "@/server/errors";
import { rejection } from "@/test/rejection";
import { assignPhoneNumber } from "@/server/admin/assign-phone-number";
import { purchasePhoneNumber } from "@/server/numbers/purchase-phone-number";
import { releasePhoneNumber } from "@/server/numbers/release-phone-number";
import { searchAvailableNumbers } from "@/server/numbers/search-available-numbers";
import { configuredNumberProvider } from "@/server/numbers/providers/configured-number-provider";
import { startTelnyxNumbersStandIn, startTwilioNumbersStandIn, type NumberProviderStandIn } from "@/test/number-provider-stand-ins";
import { createTestTenant } from "@/test/factories";

/** A real North American area code: numbers are validated as E.164 before anything is bought. */
const AREAS = ["212", "303", "312", "415", "512", "617", "650", "206", "404", "702"];
const area = () => AREAS[Math.floor(Math.random() * AREAS.length)]!;
/** A number nobody else in this run has: +1<area>555<4 random digits>. */
const unique = () => `+1${area()}555${String(Math.floor(Math.random() * 10_000)).padStart(4, "0")}`;

describe.each([
  ["twilio", startTwilioNumbersStandIn],
  ["telnyx", startTelnyxNumbersStandIn],
] as const)("buying numbers through %s", (name, start) => {
  let standIn: NumberProviderStandIn;
  beforeAll(async () => {
    standIn = await start();
  });
  afterAll(async () => {
    expect(standIn.malformed).toEqual([]);
    await standIn.close();
  });
  const provider = () => configuredNumberProvider(standIn.env)!;

  it("searches with the documented parameters, buys, and releases at the provider", async () => {
    const { actor } = await createTestTenant();
    const code = area();
    const found = await searchAvailableNumbers(actor, { country: "us", areaCode: code, limit: 5 }, provider());
    expect(found.provider).toBe(name);
    expect(found.numbers).toHaveLength(5);
    expect(found.numbers[0]).toMatchObject({ phoneNumber: expect.stringMatching(new RegExp(`^\\+1${code}555\\d{4}$`)) as unknown, country: "US", capabilities: { voice: true } });
    const search = standIn.requests.at(-1)!;
    if (name === "twilio") expect(search.path).toMatch(/\/AvailablePhoneNumbers\/US\/Local\.json$/);
    else expect(search.query.get("filter[national_destination_code]")).toBe(code);

    const wanted = found.numbers[0]!.phoneNumber;
    const bought = await purchasePhoneNumber(actor, { phoneNumber: wanted, voiceUrl: "https://example.com/voice" }, provider());
    expect(bought).toMatchObject({ phoneNumber: wanted, origin: "PROVISIONED", provider: name, callerIdAllowed: true, voiceUrl: "https://example.com/voice" });
    const row = await db.phoneNumber.findUniqueOrThrow({ where: { id: bought.id } });
    expect(row.providerNumberId).toBe(standIn.inventory.sold.get(wanted));
    const order = standIn.requests.at(-1)!;
    if (name === "twilio") expect(new URLSearchParams(order.body).get("TrunkSid")).toBe(standIn.env.TWILIO_TRUNK_SID);
    else expect(JSON.parse(order.body)).toEqual({ phone_numbers: [{ phone_number: wanted }], connection_id: standIn.env.TELNYX_CONNECTION_ID });

    // A number held here is not offered again, even if the provider still lists it.
    standIn.inventory.sold.delete(wanted);
    expect((await searchAvailableNumbers(actor, { areaCode: code, limit: 5 }, provider())).numbers.map((n) => n.phoneNumber)).not.toContain(wanted);
    standIn.inventory.sold.set(wanted, row.providerNumberId!);

    await releasePhoneNumber(actor, { id: bought.id }, provider());
    expect(standIn.inventory.sold.has(wanted)).toBe(false);
    expect(await db.phoneNumber.count({ where: { e164: wanted } })).toBe(0);
  });

  it("two accounts racing for one number: one gets it, the other the same 'unavailable' as a number sold elsewhere", async () => {
    const [a, b] = [await createTestTenant(), await createTestTenant()];
    const wanted = unique();
    const results = await Promise.allSettled([a, b].map((t) => purchasePhoneNumber(t.actor, { phoneNumber: wanted }, provider())));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = (results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason as AppError;
    expect(lost.message).toBe(`number_unavailable: ${wanted} is not available`);
    expect(await db.phoneNumber.count({ where: { e164: wanted } })).toBe(1);

    const elsewhere = unique();
    standIn.inventory.soldElsewhere.add(elsewhere);
    expect((await rejection(purchasePhoneNumber(a.actor, { phoneNumber: elsewhere }, provider()))).message).toBe(`number_unavailable: ${elsewhere} is not available`);
  });

  it("a provider that is down answers 503, buys nothing and leaves no row", async () => {
    const { actor } = await createTestTenant();
    const wanted = unique();
    standIn.failNext(1);
    const e = await rejection(purchasePhoneNumber(actor, { phoneNumber: wanted }, provider()));
    expect(e.code).toBe("UNAVAILABLE");
    expect(e.retryAfter).toBeGreaterThan(0);
    expect(await db.phoneNumber.count({ where: { e164: wanted } })).toBe(0);
    expect(standIn.inventory.sold.has(wanted)).toBe(false);
    // A release the provider cannot take leaves the number where it was.
    const bought = await purchasePhoneNumber(actor, { phoneNumber: wanted }, provider());
    standIn.failNext(1);
    expect((await rejection(releasePhoneNumber(actor, { id: bought.id }, provider()))).code).toBe("UNAVAILABLE");
    expect(await db.phoneNumber.count({ where: { id: bought.id } })).toBe(1);
    expect(standIn.inventory.sold.has(wanted)).toBe(true);
  });

  it("refuses wrong credentials as a provider failure, not the tenant's", async () => {
    const { actor } = await createTestTenant();
    const bad = configuredNumberProvider({ ...standIn.env, TWILIO_AUTH_TOKEN: "wrong", TELNYX_API_KEY: "wrong" })!;
    expect((await rejection(searchAvailableNumbers(actor, { areaCode: area() }, bad))).code).toBe("UNAVAILABLE");
  });
});

describe("without a number provider", () => {
  it("search says so and buying answers 422 naming phoneNumber", async () => {
    const { actor } = await createTestTenant();
    expect(await searchAvailableNumbers(actor, {}, null)).toEqual({ provider: null, numbers: [] });
    const e = await rejection(purchasePhoneNumber(actor, { phoneNumber: "+14155550100" }, null));
    expect(e.code).toBe("UNPROCESSABLE");
    expect(e.details).toMatchObject({ fieldErrors: { phoneNumber: [expect.stringContaining("platform staff")] } });
  });

  it("a misconfigured provider names the missing variable", () => {
    expect(() => configuredNumberProvider({ NUMBER_PROVIDER: "twilio" })).toThrow(/TWILIO_ACCOUNT_SID/);
  });
});

describe("staff assignment", () => {
  it("gives a tenant a caller-ID number, audited; a taken one names its holder to staff", async () => {
    const a = await createTestTenant({ name: "Holder Co" });
    const b = await createTestTenant();
    const e164 = unique();
    const n = await assignPhoneNumber({ userId: null, requestId: "req_test" }, { tenantId: a.tenant.id, phoneNumber: e164 });
    expect(n).toMatchObject({ origin: "ASSIGNED", callerIdAllowed: true });
    expect(await db.auditLog.count({ where: { tenantId: a.tenant.id, action: "phone_number.assigned", targetId: n.id } })).toBe(1);
    const e = await rejection(assignPhoneNumber({ userId: null, requestId: "req_test" }, { tenantId: b.tenant.id, phoneNumber: e164 }));
    expect(e.message).toContain("Holder Co");
    expect((await rejection(assignPhoneNumber({ userId: null, requestId: "req_test" }, { tenantId: "tn_missing", phoneNumber: unique() }))).code).toBe("NOT_FOUND");
  });
});
