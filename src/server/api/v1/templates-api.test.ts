// The REST contract of templates, sending domains and address validation, through the route handlers.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApiKey } from "@/server/api-keys/create-api-key";
import { createTestTenant } from "@/test/factories";
import { startDnsStandIn, type DnsStandIn } from "@/test/dns-stand-in";
import { createTemplateRoute, getTemplateRoute, listTemplatesRoute, renderTemplateRoute, updateTemplateRoute } from "@/server/api/v1/templates";
import { createSendingDomainRoute, validateEmailAddressRoute, verifySendingDomainRoute } from "@/server/api/v1/sending-domains";

const BASE = "http://localhost:3000";
let dns: DnsStandIn;
beforeAll(async () => {
  dns = await startDnsStandIn({ "example.org": { MX: [{ priority: 10, exchange: "mx.example.org" }] } });
  vi.stubEnv("DNS_SERVERS", dns.server);
  vi.stubEnv("EMAIL_SPF_INCLUDE", "_spf.irisx.test");
  vi.stubEnv("EMAIL_DKIM_SELECTOR", "irisx");
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await dns.close();
});

async function keyed(scopes: string[] = ["*"]) {
  const t = await createTestTenant();
  const key = await createApiKey(t.actor, { name: "test", scopes: scopes as never });
  return `Bearer ${key.bearerToken}`;
}

type Json = Record<string, unknown> & { error?: { code: string; message: string; details: unknown } };

/** The fields a 400/409 names: zod's `[{ field }]` list, or an AppError's `fieldErrors`. */
function fieldsOf(body: Json): string[] {
  const d = body.error?.details;
  if (Array.isArray(d)) return d.map((x: { field: string }) => x.field);
  return Object.keys((d as { fieldErrors?: object } | undefined)?.fieldErrors ?? {});
}
async function call(route: { handle: (req: Request, ctx?: { params: Promise<Record<string, string>> }) => Promise<Response> }, auth: string, method: string, url: string, body?: object, params?: Record<string, string>) {
  const res = await route.handle(
    new Request(`${BASE}${url}`, { method, headers: { authorization: auth, ...(body ? { "content-type": "application/json" } : {}) }, body: body ? JSON.stringify(body) : undefined }),
    params ? { params: Promise.resolve(params) } : undefined,
  );
  return { status: res.status, body: (await res.json()) as Json };
}

describe("/api/v1/templates", () => {
  it("creates, patches, lists per channel and renders; a missing variable is a 400 naming `variables`", async () => {
    const auth = await keyed();
    const created = await call(createTemplateRoute, auth, "POST", "/api/v1/templates", { channel: "sms", name: "order_shipped", body: "Hi {{first_name}}, order {{order_id}} shipped" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ channel: "sms", name: "order_shipped", variables: ["first_name", "order_id"], approval_status: null });
    const id = created.body.id as string;

    const patched = await call(updateTemplateRoute, auth, "PATCH", `/api/v1/templates/${id}`, { body: "Hi {{first_name}}, {{order_id}} is on its way" }, { templateId: id });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: "order_shipped", body: "Hi {{first_name}}, {{order_id}} is on its way" });

    const rendered = await call(renderTemplateRoute, auth, "POST", `/api/v1/templates/${id}/render`, { variables: { first_name: "Ada", order_id: "A-1" } }, { templateId: id });
    expect(rendered).toEqual({ status: 200, body: { channel: "sms", body: "Hi Ada, A-1 is on its way" } });
    const missing = await call(renderTemplateRoute, auth, "POST", `/api/v1/templates/${id}/render`, { variables: { first_name: "Ada" } }, { templateId: id });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ code: "VALIDATION_FAILED", message: "variables: missing a value for {{order_id}}" });

    const wa = await call(createTemplateRoute, auth, "POST", "/api/v1/templates", {
      channel: "whatsapp",
      name: "otp",
      language: "en_US",
      category: "AUTHENTICATION",
      components: [{ type: "BODY", text: "Your code is {{1}}" }, { type: "BUTTONS", buttons: [{ type: "COPY_CODE", example: "123456" }] }],
    });
    expect(wa.status).toBe(201);
    expect(wa.body).toMatchObject({ channel: "whatsapp", approval_status: "PENDING", variables: ["1"] });
    const waId = wa.body.id as string;
    const approved = await call(updateTemplateRoute, auth, "PATCH", `/api/v1/templates/${waId}`, { approval_status: "APPROVED" }, { templateId: waId });
    expect(approved.body).toMatchObject({ approval_status: "APPROVED", language: "en_US" });
    const send = await call(renderTemplateRoute, auth, "POST", `/api/v1/templates/${waId}/render`, { variables: { 1: "482913" } }, { templateId: waId });
    expect(send.body).toMatchObject({ channel: "whatsapp", body: "Your code is 482913", template: { name: "otp", language: { code: "en_US" }, components: [{ type: "body", parameters: [{ type: "text", text: "482913" }] }] } });

    const list = await call(listTemplatesRoute, auth, "GET", "/api/v1/templates?channel=whatsapp");
    expect((list.body.data as { id: string }[]).map((t) => t.id)).toEqual([waId]);
    expect((await call(getTemplateRoute, auth, "GET", `/api/v1/templates/${id}`, undefined, { templateId: id })).body.id).toBe(id);
  });

  it("bad input is a 400 naming the field; a taken name is a 409; a changed channel is refused; scopes are enforced", async () => {
    const auth = await keyed();
    const noSubject = await call(createTemplateRoute, auth, "POST", "/api/v1/templates", { channel: "email", name: "w", text: "hi" });
    expect(noSubject.status).toBe(400);
    expect(fieldsOf(noSubject.body)).toContain("subject");
    const badName = await call(createTemplateRoute, auth, "POST", "/api/v1/templates", { channel: "whatsapp", name: "Has Spaces", language: "en", category: "UTILITY", components: [{ type: "BODY", text: "x" }] });
    expect(badName.status).toBe(400);
    expect(fieldsOf(badName.body)).toContain("name");
    const unknownField = await call(createTemplateRoute, auth, "POST", "/api/v1/templates", { channel: "sms", name: "x", body: "y", colour: "red" });
    expect(unknownField.status).toBe(400);
    const first = await call(createTemplateRoute, auth, "POST", "/api/v1/templates", { channel: "sms", name: "dup", body: "y" });
    const dup = await call(createTemplateRoute, auth, "POST", "/api/v1/templates", { channel: "sms", name: "dup", body: "z" });
    expect(dup.status).toBe(409);
    expect(fieldsOf(dup.body)).toContain("name");
    const id = first.body.id as string;
    const rechannel = await call(updateTemplateRoute, auth, "PATCH", `/api/v1/templates/${id}`, { channel: "email", subject: "s" }, { templateId: id });
    expect(rechannel.status).toBe(400);
    expect(rechannel.body.error!.message).toMatch(/^channel:/);
    const readOnly = await keyed(["messages:read"]);
    expect((await call(createTemplateRoute, readOnly, "POST", "/api/v1/templates", { channel: "sms", name: "x", body: "y" })).status).toBe(403);
  });
});

describe("/api/v1/sending-domains and /api/v1/email-address-validations", () => {
  it("adds a domain with the records to publish, verifies them over DNS, validates an address", async () => {
    const auth = await keyed();
    const domain = `news-${Date.now()}.example`;
    const created = await call(createSendingDomainRoute, auth, "POST", "/api/v1/sending-domains", { domain });
    expect(created.status).toBe(201);
    const records = created.body.records as Record<"spf" | "dkim" | "dmarc", { host: string; value: string }>;
    expect(created.body).toMatchObject({ domain, status: "unchecked", checked_at: null });
    for (const r of Object.values(records)) dns.set(r.host, { TXT: [r.value] });
    const id = created.body.id as string;
    const verified = await call(verifySendingDomainRoute, auth, "POST", `/api/v1/sending-domains/${id}/verify`, undefined, { sendingDomainId: id });
    expect(verified.body).toMatchObject({ status: "verified", checks: { spf: { pass: true }, dkim: { pass: true }, dmarc: { pass: true } } });
    expect(Date.parse(verified.body.checked_at as string)).toBeGreaterThan(Date.now() - 60_000);

    const bad = await call(createSendingDomainRoute, auth, "POST", "/api/v1/sending-domains", { domain: "not a domain" });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body)).toContain("domain");

    const ok = await call(validateEmailAddressRoute, auth, "POST", "/api/v1/email-address-validations", { address: "ada@example.org" });
    expect(ok.body).toMatchObject({ status: "valid", mail_hosts: [{ exchange: "mx.example.org", priority: 10 }], implicit_mx: false });
  });
});
