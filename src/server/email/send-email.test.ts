import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/server/db";

const mail = { to: "someone@example.test", subject: "Hello", html: "<p>Hi <a href=\"http://x/link\">link</a></p>", text: "Hi http://x/link" };

describe("sendEmail without RESEND_API_KEY", () => {
  it("records the mail in the dev mailbox", async () => {
    const { sendEmail } = await import("@/server/email/send-email");
    await sendEmail(mail);
    expect(await db.emailMessage.findFirst({ where: { to: mail.to } })).toMatchObject({ ...mail, provider: "console", error: null });
  });
});

describe("sendEmail with Resend", () => {
  const received: { auth: string | undefined; body: Record<string, unknown> }[] = [];
  let status = 200;
  const server = createServer(async (req: IncomingMessage, res) => {
    let raw = "";
    for await (const chunk of req) raw += chunk;
    received.push({ auth: req.headers.authorization, body: JSON.parse(raw) as Record<string, unknown> });
    res.writeHead(status, { "content-type": "application/json" });
    res.end(status === 200 ? JSON.stringify({ id: "re_msg_1" }) : JSON.stringify({ name: "validation_error", message: "bad from address", statusCode: status }));
  });

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    vi.stubEnv("RESEND_API_KEY", "re_test_key");
    vi.stubEnv("RESEND_BASE_URL", `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    vi.resetModules();
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await new Promise((resolve) => server.close(resolve));
  });

  it("posts to the configured base URL and records the provider's message id", async () => {
    const { sendEmail } = await import("@/server/email/send-email");
    await sendEmail({ ...mail, to: "resend@example.test" });
    expect(received.at(-1)).toMatchObject({ auth: "Bearer re_test_key", body: { to: "resend@example.test", subject: "Hello", text: mail.text } });
    expect(await db.emailMessage.findFirst({ where: { to: "resend@example.test" } })).toMatchObject({ provider: "resend", providerMessageId: "re_msg_1", error: null });
  });

  it("records a refusal and throws UNAVAILABLE", async () => {
    status = 422;
    const { sendEmail } = await import("@/server/email/send-email");
    await expect(sendEmail({ ...mail, to: "refused@example.test" })).rejects.toMatchObject({ code: "UNAVAILABLE" });
    expect(await db.emailMessage.findFirst({ where: { to: "refused@example.test" } })).toMatchObject({ provider: "resend", error: "bad from address" });
  });
});
