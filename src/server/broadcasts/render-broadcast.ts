// One broadcast as one recipient gets it: subject, HTML and text with the recipient's variables filled in.
import { fillText, renderMarkdown, type TemplateVariables } from "@/server/broadcasts/render-markdown";
import { emailDocument, escapeHtml, type RenderedEmail } from "@/server/email/templates/layout";

/** The variables a broadcast may use, as {{name}}. */
export const BROADCAST_VARIABLES = ["tenant.name", "user.name", "user.email"] as const;

/** Who a mail is for, as the recipient list keeps it (the values at send time). */
export interface BroadcastAddressee {
  email: string;
  userName: string;
  tenantName: string;
}

export function broadcastVariables(to: BroadcastAddressee): TemplateVariables {
  return { "tenant.name": to.tenantName, "user.name": to.userName, "user.email": to.email };
}

const FOOTNOTE = "font-size:13px;line-height:1.5;color:#6b7280;margin:24px 0 0";
const footnote = (tenantName: string) => `You get this email because you manage ${tenantName} on IRISX.`;

export function renderBroadcastEmail(content: { subject: string; bodyMarkdown: string }, to: BroadcastAddressee): RenderedEmail {
  const vars = broadcastVariables(to);
  return {
    subject: fillText(content.subject, vars).replace(/[\r\n]+/g, " ").trim(),
    html: emailDocument(`${renderMarkdown(content.bodyMarkdown, vars)}\n<p style="${FOOTNOTE}">${escapeHtml(footnote(to.tenantName))}</p>`),
    text: `${fillText(content.bodyMarkdown, vars).trim()}\n\n--\n${footnote(to.tenantName)}\n`,
  };
}
