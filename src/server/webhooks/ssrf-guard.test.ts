// SSRF: private, loopback, link-local and metadata addresses are refused when an endpoint is saved, at connect
// time (DNS rebinding) and on redirects. WEBHOOK_ALLOW_PRIVATE_HOSTS is empty here except where a test needs a
// local receiver as the first hop.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { env } from "@/env";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { createTestTenant } from "@/test/factories";
import { startWebhookReceiver } from "@/test/webhook-receiver";
import { createWebhookEndpoint } from "@/server/webhooks/create-webhook-endpoint";
import { deliverWebhookAttempt } from "@/server/webhooks/deliver-webhook-attempt";
import { postWebhookRequest } from "@/server/webhooks/post-webhook-request";
import { forbiddenAddressReason, type HostResolver } from "@/server/webhooks/ssrf-guard";

const PUBLIC_IP = "93.184.216.34";

/** A resolver that answers from a table, like DNS under an attacker's control. */
function fakeDns(table: Record<string, string[]>): HostResolver {
  return async (host) => {
    const answers = table[host];
    if (!answers) throw new Error(`ENOTFOUND ${host}`);
    return answers.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
}

async function expectUrlRefused(url: string, resolve?: HostResolver) {
  const { actor } = await createTestTenant();
  const error = await createWebhookEndpoint(actor, { url, eventTypes: ["*"] }, { resolve }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe("VALIDATION_FAILED");
  expect((error as AppError).httpStatus).toBe(400);
  expect((error as AppError).details).toMatchObject({ fieldErrors: { url: [expect.stringContaining("not allowed")] } });
  expect(await db.webhookEndpoint.count({ where: { tenantId: actor.tenantId } })).toBe(0);
}

beforeEach(() => {
  env.WEBHOOK_ALLOW_PRIVATE_HOSTS = [];
});
afterEach(() => {
  env.WEBHOOK_ALLOW_PRIVATE_HOSTS = [];
});

describe("forbiddenAddressReason", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["10.0.0.1", "private"],
    ["172.16.5.4", "private"],
    ["192.168.1.1", "private"],
    ["169.254.169.254", "linkLocal"],
    ["100.64.0.1", "carrierGradeNat"],
    ["0.0.0.0", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["::1", "loopback"],
    ["fe80::1", "linkLocal"],
    ["fd00::1", "uniqueLocal"],
    ["::ffff:10.0.0.1", "private"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::7f00:1", "ipv4Compatible"],
    ["::a00:1", "ipv4Compatible"],
    ["64:ff9b::a00:1", "rfc6052"],
    ["2002:a00:1::", "6to4"],
    ["fec0::1", "deprecatedSiteLocal"],
  ])("refuses %s (%s)", (address, range) => {
    expect(forbiddenAddressReason(address)).toContain(range);
  });

  it("allows public unicast addresses", () => {
    expect(forbiddenAddressReason(PUBLIC_IP)).toBeNull();
    expect(forbiddenAddressReason("2606:4700:4700::1111")).toBeNull();
  });
});

describe("endpoint creation", () => {
  it.each(["https://127.0.0.1/hooks", "https://10.0.0.1/hooks", "https://169.254.169.254/latest/meta-data", "https://[::1]/hooks", "https://[::ffff:a00:1]/hooks", "https://[::127.0.0.1]/hooks"])(
    "refuses %s with a 400 naming url",
    async (url) => {
      await expectUrlRefused(url);
    },
  );

  it("refuses a hostname that resolves to loopback (localhost)", async () => {
    await expectUrlRefused("https://localhost/hooks");
  });

  it("refuses a hostname whose DNS answer is private, even when another answer is public", async () => {
    await expectUrlRefused("https://internal.example.com/hooks", fakeDns({ "internal.example.com": ["10.1.2.3"] }));
    await expectUrlRefused("https://mixed.example.com/hooks", fakeDns({ "mixed.example.com": [PUBLIC_IP, "169.254.169.254"] }));
  });

  it("refuses plain http unless the host is allowed for development", async () => {
    await expectUrlRefused("http://hooks.example.com/", fakeDns({ "hooks.example.com": [PUBLIC_IP] }));
  });

  it("accepts an https URL whose host resolves to public addresses", async () => {
    const { actor } = await createTestTenant();
    const { endpoint } = await createWebhookEndpoint(actor, { url: "https://hooks.example.com/irisx", eventTypes: ["*"] }, { resolve: fakeDns({ "hooks.example.com": [PUBLIC_IP] }) });
    expect(endpoint.url).toBe("https://hooks.example.com/irisx");
  });
});

describe("connect time and redirects", () => {
  it("refuses at connect time when DNS changes its answer after the check (rebinding)", async () => {
    const receiver = await startWebhookReceiver(() => ({ status: 200 }));
    try {
      // Public for the pre-connect check, loopback when the socket's lookup runs.
      let calls = 0;
      const rebinding: HostResolver = async () => [{ address: ++calls <= 1 ? PUBLIC_IP : "127.0.0.1", family: 4 }];
      const result = await postWebhookRequest({ url: `https://rebind.example.com:${receiver.port}/hooks`, headers: {}, body: "{}", resolve: rebinding });
      expect(result.statusCode).toBeNull();
      expect(result.error).toMatch(/refused: rebind\.example\.com resolves to 127\.0\.0\.1 is a loopback address/);
      expect(calls).toBe(2);
      // Without the connect-time check the socket would have reached the local listener.
      expect(receiver.connections()).toBe(0);
    } finally {
      await receiver.close();
    }
  });

  it("refuses an endpoint that was public at creation and resolves to a private address at delivery", async () => {
    const { actor } = await createTestTenant();
    let phase: "create" | "deliver" = "create";
    const dns: HostResolver = async () => [{ address: phase === "create" ? PUBLIC_IP : "10.0.0.1", family: 4 }];
    const { endpoint } = await createWebhookEndpoint(actor, { url: "https://flip.example.com/hooks", eventTypes: ["*"] }, { resolve: dns });
    phase = "deliver";
    const event = await db.webhookEvent.create({ data: { id: "evt_rebind", tenantId: actor.tenantId, type: "webhook.test", payload: {} } });
    const delivery = await db.webhookDelivery.create({ data: { id: "wd_rebind", tenantId: actor.tenantId, eventId: event.id, endpointId: endpoint.id } });
    const result = await deliverWebhookAttempt(delivery.id, { resolve: dns });
    expect(result).toMatchObject({ outcome: "failed", statusCode: null, error: expect.stringContaining("10.0.0.1 is a private address") });
    expect(await db.webhookAttempt.count({ where: { deliveryId: delivery.id } })).toBe(1);
  });

  it("refuses a redirect to a private address and never contacts it", async () => {
    const target = await startWebhookReceiver(() => ({ status: 200 }));
    const first = await startWebhookReceiver(() => ({ status: 307, headers: { location: `https://localhost:${target.port}/stolen` } }));
    try {
      env.WEBHOOK_ALLOW_PRIVATE_HOSTS = ["127.0.0.1"];
      const result = await postWebhookRequest({ url: first.url(), headers: {}, body: "{}" });
      expect(first.received).toHaveLength(1);
      expect(result.error).toMatch(/refused: localhost resolves to .*loopback/);
      expect(target.received).toHaveLength(0);
    } finally {
      await first.close();
      await target.close();
    }
  });

  it("refuses a redirect to the metadata address", async () => {
    const first = await startWebhookReceiver(() => ({ status: 302, headers: { location: "http://169.254.169.254/latest/meta-data/" } }));
    try {
      env.WEBHOOK_ALLOW_PRIVATE_HOSTS = ["127.0.0.1"];
      const result = await postWebhookRequest({ url: first.url(), headers: {}, body: "{}" });
      expect(result.error).toMatch(/refused/);
    } finally {
      await first.close();
    }
  });

  it("follows at most 3 redirects", async () => {
    const loop = await startWebhookReceiver((req) => ({ status: 308, headers: { location: `${req.url}x` } }));
    try {
      env.WEBHOOK_ALLOW_PRIVATE_HOSTS = ["127.0.0.1"];
      const result = await postWebhookRequest({ url: loop.url("/r"), headers: {}, body: "{}" });
      expect(result.error).toBe("more than 3 redirects");
      expect(loop.received.map((r) => r.url)).toEqual(["/r", "/rx", "/rxx", "/rxxx"]);
    } finally {
      await loop.close();
    }
  });
});
