import { renderActionEmail, type RenderedEmail } from "@/server/email/templates/layout";

export function invitationTemplate(opts: { inviterName: string; tenantName: string; role: string; url: string }): RenderedEmail {
  return renderActionEmail({
    subject: `${opts.inviterName} invited you to ${opts.tenantName} on IRISX`,
    greeting: "Hello,",
    paragraphs: [`${opts.inviterName} invited you to join ${opts.tenantName} on IRISX as ${opts.role.toLowerCase()}.`],
    actionLabel: `Join ${opts.tenantName}`,
    actionUrl: opts.url,
    footnote: "The invitation works for 7 days. If you were not expecting it, you can ignore this email.",
  });
}
