// How the platform sends one e-mail (many at once, for broadcasts: send-email-batch.ts). With RESEND_API_KEY it goes
// through Resend; without it the mail is logged (link included) so a developer can follow it. Either way a row lands
// in EmailMessage, which is the dev mailbox (/dev/mailbox) and the record of what was sent.
import { env } from "@/env";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { logger } from "@/server/logger";
import { resendClient } from "@/server/email/resend-client";
import { newId } from "@/server/shared/ids";

export interface OutgoingEmail {
  to: string;
  subject: string;
  html: string;
  text: string;
}

export async function sendEmail(mail: OutgoingEmail): Promise<void> {
  const resend = resendClient();
  if (!resend) {
    logger.info({ to: mail.to, subject: mail.subject, text: mail.text }, "email (not sent: no RESEND_API_KEY; see /dev/mailbox)");
    await db.emailMessage.create({ data: { id: newId("eml"), ...mail, provider: "console" } });
    return;
  }

  let providerMessageId: string | null = null;
  let error: string | null = null;
  try {
    const result = await resend.emails.send({ from: env.EMAIL_FROM, ...mail });
    if (result.error) error = result.error.message;
    else providerMessageId = result.data?.id ?? null;
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  await db.emailMessage.create({ data: { id: newId("eml"), ...mail, provider: "resend", providerMessageId, error } });
  if (error) {
    logger.warn({ to: mail.to, subject: mail.subject, error }, "email provider refused the message");
    throw new AppError("UNAVAILABLE", "the email could not be sent; try again shortly", { details: { provider: "resend" } });
  }
}
