import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { rejection } from "@/test/rejection";
import { createTestTenant } from "@/test/factories";
import { createTemplate } from "@/server/templates/create-template";
import { deleteTemplate } from "@/server/templates/delete-template";
import { findTemplates, getTemplate } from "@/server/templates/find-templates";
import { previewTemplate } from "@/server/templates/preview-template";
import { updateTemplate } from "@/server/templates/update-template";

const WHATSAPP = {
  channel: "WHATSAPP" as const,
  name: "appointment_reminder",
  language: "en_US",
  category: "UTILITY" as const,
  components: [
    { type: "HEADER" as const, format: "TEXT" as const, text: "Reminder for {{1}}" },
    { type: "BODY" as const, text: "Your appointment is on {{2}} at {{3}}." },
    { type: "BUTTONS" as const, buttons: [{ type: "URL" as const, text: "Reschedule", url: "https://example.com/r" }, { type: "PHONE_NUMBER" as const, text: "Call us", phone_number: "+14155550123" }] },
  ],
};

describe("message templates", () => {
  it("creates SMS, email and WhatsApp templates with their variables; lists per channel; audits", async () => {
    const { actor, tenant } = await createTestTenant();
    const sms = await createTemplate(actor, { channel: "SMS", name: "Shipped", body: "Hi {{name}}, order {{order}} shipped" });
    expect(sms).toMatchObject({ channel: "SMS", variables: ["name", "order"], subject: "", components: null, approvalStatus: null });
    const email = await createTemplate(actor, { channel: "EMAIL", name: "Welcome", subject: "Welcome {{name}}", html: "<p>Hi {{name}}, see {{link}}</p>", text: "Hi {{name}}" });
    expect(email.variables).toEqual(["name", "link"]);
    const wa = await createTemplate(actor, WHATSAPP);
    expect(wa).toMatchObject({ approvalStatus: "PENDING", category: "UTILITY", language: "en_US", body: "Your appointment is on {{2}} at {{3}}.", variables: ["1", "2", "3"] });
    expect(wa.components).toEqual(WHATSAPP.components);

    expect((await findTemplates(actor, { channel: "EMAIL" })).items.map((t) => t.id)).toEqual([email.id]);
    expect((await findTemplates(actor, {})).items.map((t) => t.id)).toEqual([wa.id, email.id, sms.id]);
    expect((await findTemplates(actor, { search: "welc" })).items.map((t) => t.id)).toEqual([email.id]);
    const audits = await db.auditLog.findMany({ where: { tenantId: tenant.id, action: "template.created" }, orderBy: { createdAt: "asc" } });
    expect(audits.map((a) => a.targetId)).toEqual([sms.id, email.id, wa.id]);
  });

  it("refuses bad input with a message naming the problem (the edges map it to a 400)", async () => {
    const { actor } = await createTestTenant();
    await expect(createTemplate(actor, { channel: "SMS", name: "x", body: " " })).rejects.toThrow(/text is required/);
    await expect(createTemplate(actor, { channel: "EMAIL", name: "x", subject: "s", html: "", text: "" })).rejects.toThrow(/HTML or a plain-text body/);
    await expect(createTemplate(actor, { ...WHATSAPP, name: "Bad Name" })).rejects.toThrow(/lower-case/);
    await expect(createTemplate(actor, { ...WHATSAPP, components: [{ type: "FOOTER", text: "f" }] })).rejects.toThrow(/exactly one BODY/);
    await expect(createTemplate(actor, { ...WHATSAPP, components: [{ type: "BODY", text: "b" }, { type: "FOOTER", text: "{{1}}" }] })).rejects.toThrow(/footer cannot hold variables/);
    await expect(createTemplate(actor, { ...WHATSAPP, language: "english" })).rejects.toThrow(/language code/);
  });

  it("a second template of the same channel and name is a 409; the same name on another channel is fine", async () => {
    const { actor } = await createTestTenant();
    await createTemplate(actor, { channel: "SMS", name: "Hello", body: "Hi" });
    const e = await rejection(createTemplate(actor, { channel: "SMS", name: "Hello", body: "Hi again" }));
    expect(e.code).toBe("CONFLICT");
    expect(e.message).toMatch(/^name:/);
    await createTemplate(actor, { channel: "EMAIL", name: "Hello", subject: "s", text: "t" });
    await createTemplate(actor, WHATSAPP);
    await createTemplate(actor, { ...WHATSAPP, language: "pt_BR" });
    expect((await rejection(createTemplate(actor, WHATSAPP))).code).toBe("CONFLICT");
  });

  it("updates (audited before/after), keeps the channel, records approval status; delete is audited", async () => {
    const { actor, tenant } = await createTestTenant();
    const wa = await createTemplate(actor, WHATSAPP);
    const rejected = await updateTemplate(actor, { id: wa.id, template: { ...WHATSAPP, approvalStatus: "REJECTED", rejectionReason: "INVALID_FORMAT" } });
    expect(rejected).toMatchObject({ approvalStatus: "REJECTED", rejectionReason: "INVALID_FORMAT" });
    const approved = await updateTemplate(actor, { id: wa.id, template: { ...WHATSAPP, approvalStatus: "APPROVED", rejectionReason: "stale" } });
    expect(approved).toMatchObject({ approvalStatus: "APPROVED", rejectionReason: null });
    const e = await rejection(updateTemplate(actor, { id: wa.id, template: { channel: "SMS", name: "x", body: "y" } }));
    expect(e.message).toMatch(/^channel:/);
    const audit = await db.auditLog.findFirstOrThrow({ where: { tenantId: tenant.id, action: "template.updated", targetId: wa.id }, orderBy: { createdAt: "asc" } });
    expect(audit.before).toMatchObject({ approvalStatus: "PENDING" });
    expect(audit.after).toMatchObject({ approvalStatus: "REJECTED" });
    await deleteTemplate(actor, { id: wa.id });
    expect((await rejection(getTemplate(actor, { id: wa.id }))).code).toBe("NOT_FOUND");
    expect(await db.auditLog.count({ where: { tenantId: tenant.id, action: "template.deleted", targetId: wa.id } })).toBe(1);
  });

  it("previews a saved template or a draft; a missing variable is a 400 naming it", async () => {
    const { actor } = await createTestTenant();
    const email = await createTemplate(actor, { channel: "EMAIL", name: "W", subject: "Hi {{name}}", html: "<p>{{name}}</p>", text: "{{name}}" });
    expect(await previewTemplate(actor, { id: email.id, variables: { name: "<b>" } })).toEqual({ channel: "EMAIL", subject: "Hi <b>", html: "<p>&lt;b&gt;</p>", text: "<b>" });
    expect(await previewTemplate(actor, { draft: { channel: "SMS", body: "Code {{code}}" }, variables: { code: 123456 } })).toEqual({ channel: "SMS", body: "Code 123456" });
    // A draft previews before it could be saved (a WhatsApp name Meta would refuse, no category yet).
    const wa = await previewTemplate(actor, { draft: { channel: "WHATSAPP", name: "Not Valid Yet", language: "", components: [{ type: "BODY", text: "Code {{1}}" }] }, variables: { 1: "42" } });
    expect(wa).toMatchObject({ channel: "WHATSAPP", body: "Code 42" });
    const e = await rejection(previewTemplate(actor, { id: email.id, variables: {} }));
    expect(e.message).toBe("variables: missing a value for {{name}}");
  });

  it("agents read but cannot write; another tenant's template is NOT_FOUND everywhere", async () => {
    const a = await createTestTenant();
    const b = await createTestTenant();
    const agent = { ...a.actor, role: "AGENT" as const };
    const t = await createTemplate(a.actor, { channel: "SMS", name: "x", body: "y" });
    expect((await getTemplate(agent, { id: t.id })).id).toBe(t.id);
    expect((await rejection(createTemplate(agent, { channel: "SMS", name: "z", body: "y" }))).code).toBe("FORBIDDEN");
    for (const p of [
      () => getTemplate(b.actor, { id: t.id }),
      () => updateTemplate(b.actor, { id: t.id, template: { channel: "SMS", name: "x", body: "stolen" } }),
      () => deleteTemplate(b.actor, { id: t.id }),
      () => previewTemplate(b.actor, { id: t.id }),
    ]) {
      expect((await rejection(p())).code).toBe("NOT_FOUND");
    }
    expect((await findTemplates(b.actor)).items).toEqual([]);
    expect((await getTemplate(a.actor, { id: t.id })).body).toBe("y");
  });
});
