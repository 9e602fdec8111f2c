import { renderActionEmail, type RenderedEmail } from "@/server/email/templates/layout";

export function verifyEmailTemplate(opts: { name: string; url: string }): RenderedEmail {
  return renderActionEmail({
    subject: "Confirm your email address for IRISX",
    greeting: `Hi ${opts.name},`,
    paragraphs: ["Please confirm your email address so we can reach you about your account."],
    actionLabel: "Confirm email address",
    actionUrl: opts.url,
    footnote: "The link works for 24 hours. If you did not create an IRISX account, you can ignore this email.",
  });
}
