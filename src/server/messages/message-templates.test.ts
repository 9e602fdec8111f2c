// Sending from a template through POST /api/v1/messages: the account's SMS template rendered with its variables is
// the body; a missing variable, another account's template, a template of another channel, or a body beside a
// template are each a 400 naming the field.
import { describe, expect, it } from "vitest";
import { createApiKey } from "@/server/api-keys/create-api-key";
import { createMessageRoute } from "@/server/api/v1/messages";
import { db } from "@/server/db";
import { newSid } from "@/server/shared/ids";
import { createTemplate } from "@/server/templates/create-template";
import { createTestTenant } from "@/test/factories";

let seq = 7000;
async function account() {
  const t = await createTestTenant();
  const e164 = `+1415557${String(seq++).padStart(4, "0")}`;
  await db.phoneNumber.create({ data: { id: newSid("PN"), tenantId: t.tenant.id, e164, origin: "PROVISIONED", providerNumberId: "x", smsEnabled: true } });
  const key = await createApiKey(t.actor, { name: "m", scopes: ["*"] as never });
  return { ...t, number: e164, auth: `Bearer ${key.bearerToken}` };
}

async function send(auth: string, body: object) {
  const res = await createMessageRoute.handle(new Request("http://localhost:3000/api/v1/messages", { method: "POST", headers: { authorization: auth, "content-type": "application/json" }, body: JSON.stringify(body) }));
  return { status: res.status, json: (await res.json()) as Record<string, unknown> & { error?: { message: string; details: Record<string, unknown> } } };
}

describe("messages from templates", () => {
  it("renders the account's SMS template with the variables; refuses what is missing or not the account's, naming the field", async () => {
    const a = await account();
    const sms = await createTemplate(a.actor, { channel: "SMS", name: "Code", body: "Hi {{name}}, your code is {{code}}." });
    const email = await createTemplate(a.actor, { channel: "EMAIL", name: "Welcome", subject: "Hi", text: "Welcome" });
    const ok = await send(a.auth, { to: "+14155550123", from: a.number, template_id: sms.id, template_variables: { name: "Ada", code: 123456 } });
    expect(ok.status).toBe(201);
    expect(ok.json).toMatchObject({ body: "Hi Ada, your code is 123456.", status: "queued", num_segments: 1 });

    const missing = await send(a.auth, { to: "+14155550123", from: a.number, template_id: sms.id, template_variables: { name: "Ada" } });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.json)).toMatch(/variables.*\{\{code\}\}/);

    const wrongChannel = await send(a.auth, { to: "+14155550123", from: a.number, template_id: email.id });
    expect(wrongChannel.status).toBe(400);
    expect(JSON.stringify(wrongChannel.json)).toMatch(/template_id/);

    const both = await send(a.auth, { to: "+14155550123", from: a.number, body: "hello", template_id: sms.id, template_variables: { name: "A", code: 1 } });
    expect(both.status).toBe(400);
    expect(JSON.stringify(both.json)).toMatch(/body/);

    const b = await account();
    const foreign = await send(b.auth, { to: "+14155550123", from: b.number, template_id: sms.id, template_variables: { name: "A", code: 1 } });
    expect(foreign.status).toBe(400);
    expect(JSON.stringify(foreign.json)).toMatch(/template_id.*not a template of this account|not a template of this account/);
    expect(await db.message.count({ where: { tenantId: { in: [a.tenant.id, b.tenant.id] } } })).toBe(1);
  });
});
