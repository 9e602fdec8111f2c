import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/server/db";
import { startResendStandIn, type ResendStandIn } from "@/test/resend-stand-in";

const mail = { to: "someone@example.test", subject: "Hello", html: "<p>Hi <a href=\"http://x/link\">link</a></p>", text: "Hi http://x/link" };

describe("sendEmail without RESEND_API_KEY", () => {
  it("records the mail in the dev mailbox", async () => {
    const { sendEmail } = await import("@/server/email/send-email");
    await sendEmail(mail);
    expect(await db.emailMessage.findFirst({ where: { to: mail.to } })).toMatchObject({ ...mail, provider: "console", error: null });
  });
});

describe("sendEmail with Resend", () => {
  let refuse = false;
  let resend: ResendStandIn;

  beforeAll(async () => {
    resend = await startResendStandIn({ script: () => (refuse ? { status: 422, body: { statusCode: 422, name: "validation_error", message: "bad from address" } } : undefined) });
    vi.stubEnv("RESEND_API_KEY", resend.apiKey);
    vi.stubEnv("RESEND_BASE_URL", resend.url);
    vi.resetModules();
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await resend.close();
  });

  it("posts to the configured base URL and records the provider's message id", async () => {
    const { sendEmail } = await import("@/server/email/send-email");
    await sendEmail({ ...mail, to: "resend@example.test" });
    expect(resend.requests.at(-1)).toMatchObject({ path: "/emails", status: 200, emails: [{ to: "resend@example.test", subject: "Hello", text: mail.text }] });
    const [sent] = resend.deliveredTo("resend@example.test");
    expect(await db.emailMessage.findFirst({ where: { to: "resend@example.test" } })).toMatchObject({ provider: "resend", providerMessageId: sent!.id, error: null });
  });

  it("records a refusal and throws UNAVAILABLE", async () => {
    refuse = true;
    const { sendEmail } = await import("@/server/email/send-email");
    await expect(sendEmail({ ...mail, to: "refused@example.test" })).rejects.toMatchObject({ code: "UNAVAILABLE" });
    expect(await db.emailMessage.findFirst({ where: { to: "refused@example.test" } })).toMatchObject({ provider: "resend", error: "bad from address" });
  });
});
