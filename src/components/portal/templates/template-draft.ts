// The editor's working copy of a template, and its conversion to the create/update input. WhatsApp components the
// form does not edit (a media header, URL/phone/copy-code buttons) are kept as they were.
import { templateVariables } from "@/lib/template-variables";
import type { TemplateChannel, TemplateInput, TemplateRow, WhatsAppComponent } from "@/components/portal/templates/types";

export interface TemplateDraft {
  id: string | null;
  channel: TemplateChannel;
  name: string;
  body: string;
  subject: string;
  html: string;
  text: string;
  language: string;
  category: "MARKETING" | "UTILITY" | "AUTHENTICATION";
  header: string;
  footer: string;
  /** Quick-reply buttons, one per line. */
  quickReplies: string;
  approvalStatus: "PENDING" | "APPROVED" | "REJECTED";
  rejectionReason: string;
  kept: WhatsAppComponent[];
}

export function newDraft(channel: TemplateChannel): TemplateDraft {
  return { id: null, channel, name: "", body: "", subject: "", html: "", text: "", language: "en_US", category: "UTILITY", header: "", footer: "", quickReplies: "", approvalStatus: "PENDING", rejectionReason: "", kept: [] };
}

export function draftOf(t: TemplateRow): TemplateDraft {
  const components = t.components ?? [];
  const header = components.find((c) => c.type === "HEADER");
  const footer = components.find((c) => c.type === "FOOTER");
  const buttons = components.find((c) => c.type === "BUTTONS");
  const quick = buttons?.type === "BUTTONS" ? buttons.buttons.filter((b) => b.type === "QUICK_REPLY") : [];
  const otherButtons = buttons?.type === "BUTTONS" ? buttons.buttons.filter((b) => b.type !== "QUICK_REPLY") : [];
  const kept: WhatsAppComponent[] = [];
  if (header?.type === "HEADER" && header.format !== "TEXT") kept.push(header);
  if (otherButtons.length > 0) kept.push({ type: "BUTTONS", buttons: otherButtons });
  return {
    ...newDraft(t.channel),
    id: t.id,
    name: t.name,
    body: t.body,
    subject: t.subject,
    html: t.html,
    text: t.text,
    language: t.language || "en_US",
    category: t.category ?? "UTILITY",
    header: header?.type === "HEADER" && header.format === "TEXT" ? (header.text ?? "") : "",
    footer: footer?.type === "FOOTER" ? footer.text : "",
    quickReplies: quick.map((b) => ("text" in b ? b.text : "")).join("\n"),
    approvalStatus: t.approvalStatus ?? "PENDING",
    rejectionReason: t.rejectionReason ?? "",
    kept,
  };
}

export function inputOf(d: TemplateDraft): TemplateInput {
  if (d.channel === "SMS") return { channel: "SMS", name: d.name, body: d.body };
  if (d.channel === "EMAIL") return { channel: "EMAIL", name: d.name, subject: d.subject, html: d.html, text: d.text };
  const components: WhatsAppComponent[] = [];
  const keptHeader = d.kept.find((c) => c.type === "HEADER");
  if (keptHeader) components.push(keptHeader);
  else if (d.header.trim()) components.push({ type: "HEADER", format: "TEXT", text: d.header });
  components.push({ type: "BODY", text: d.body });
  if (d.footer.trim()) components.push({ type: "FOOTER", text: d.footer });
  const quick = d.quickReplies
    .split("\n")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((text) => ({ type: "QUICK_REPLY" as const, text }));
  const keptButtons = d.kept.find((c) => c.type === "BUTTONS");
  const buttons = [...quick, ...(keptButtons?.type === "BUTTONS" ? keptButtons.buttons : [])];
  if (buttons.length > 0) components.push({ type: "BUTTONS", buttons });
  return {
    channel: "WHATSAPP",
    name: d.name,
    language: d.language,
    category: d.category,
    components,
    approvalStatus: d.approvalStatus,
    rejectionReason: d.approvalStatus === "REJECTED" ? d.rejectionReason || null : null,
  };
}

/** The variables the draft uses, as renderTemplate will look for them. */
export function draftVariables(d: TemplateDraft): string[] {
  if (d.channel === "SMS") return templateVariables([d.body]);
  if (d.channel === "EMAIL") return templateVariables([d.subject, d.html, d.text]);
  return templateVariables([d.header, d.body]);
}

/** The HTML body as plain text, for the plain-text alternative: block ends become line breaks. */
export function htmlToText(html: string): string {
  const doc = new DOMParser().parseFromString(html.replace(/<\/(p|h[1-6]|li|blockquote)>/g, "$&\n").replace(/<br\s*\/?>/g, "\n"), "text/html");
  return (doc.body.textContent ?? "").replace(/\n{3,}/g, "\n\n").trim();
}
