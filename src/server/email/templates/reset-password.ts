import { renderActionEmail, type RenderedEmail } from "@/server/email/templates/layout";

export function resetPasswordTemplate(opts: { name: string; url: string }): RenderedEmail {
  return renderActionEmail({
    subject: "Reset your IRISX password",
    greeting: `Hi ${opts.name},`,
    paragraphs: ["Someone asked to reset the password of your IRISX account. If it was you, choose a new password with the link below."],
    actionLabel: "Choose a new password",
    actionUrl: opts.url,
    footnote: "The link works once, for 1 hour. If you did not ask for this, ignore this email: your password stays as it is.",
  });
}
