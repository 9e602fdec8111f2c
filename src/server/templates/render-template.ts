// The one place a template meets its values: pure (no database, no clock), so the messages API, the portal's
// preview and tests all render exactly alike. Email HTML gets its values HTML-escaped; every other part is text.
import { fieldError } from "@/server/errors";
import { templateVariables, VARIABLE_PATTERN } from "@/server/templates/template-variables";
import type { TWhatsAppComponent } from "@/server/templates/templates.schemas";

export type TemplateVariables = Readonly<Record<string, string | number | boolean | null | undefined>>;

export type RenderableTemplate =
  | { channel: "SMS"; body: string }
  | { channel: "EMAIL"; subject: string; html: string; text: string }
  | { channel: "WHATSAPP"; name: string; language: string; components: readonly TWhatsAppComponent[] };

/** A WhatsApp Cloud API `template` object, as `POST /{phone-number-id}/messages` takes it with type=template. */
export interface WhatsAppTemplateSend {
  name: string;
  language: { code: string };
  components: Array<{ type: "header" | "body"; parameters: Array<{ type: "text"; text: string; parameter_name?: string }> }>;
}

export type RenderedTemplate =
  | { channel: "SMS"; body: string }
  | { channel: "EMAIL"; subject: string; html: string; text: string }
  | { channel: "WHATSAPP"; header: string | null; body: string; footer: string | null; template: WhatsAppTemplateSend };

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);

function textsOf(t: RenderableTemplate): string[] {
  if (t.channel === "SMS") return [t.body];
  if (t.channel === "EMAIL") return [t.subject, t.html, t.text];
  return t.components.flatMap((c) => (c.type === "HEADER" || c.type === "BODY" ? [c.text ?? ""] : []));
}

function fill(text: string, values: Map<string, string>, escape: boolean): string {
  return text.replace(VARIABLE_PATTERN, (_, name: string) => {
    const v = values.get(name)!;
    return escape ? escapeHtml(v) : v;
  });
}

/**
 * Fills every {{variable}} of the template. Throws a 400 naming the `variables` field and listing every missing
 * name (not just the first) when a value is absent, null or undefined; an empty string is a value.
 */
export function renderTemplate(template: RenderableTemplate, variables: TemplateVariables): RenderedTemplate {
  const needed = templateVariables(textsOf(template));
  const values = new Map<string, string>();
  const missing: string[] = [];
  for (const name of needed) {
    const v = Object.hasOwn(variables, name) ? variables[name] : undefined;
    if (v === undefined || v === null) missing.push(name);
    else values.set(name, String(v));
  }
  if (missing.length > 0) {
    throw fieldError("variables", `missing ${missing.length === 1 ? "a value" : "values"} for ${missing.map((n) => `{{${n}}}`).join(", ")}`, { missing });
  }
  if (template.channel === "SMS") return { channel: "SMS", body: fill(template.body, values, false) };
  if (template.channel === "EMAIL") {
    return { channel: "EMAIL", subject: fill(template.subject, values, false), html: fill(template.html, values, true), text: fill(template.text, values, false) };
  }
  const part = (type: "HEADER" | "BODY" | "FOOTER") => template.components.find((c) => c.type === type);
  const header = part("HEADER");
  const body = part("BODY");
  const footer = part("FOOTER");
  const headerText = header && header.type === "HEADER" && header.format === "TEXT" ? (header.text ?? "") : null;
  const send: WhatsAppTemplateSend = { name: template.name, language: { code: template.language }, components: [] };
  const parametersOf = (text: string) =>
    templateVariables([text]).map((name) => (/^\d+$/.test(name) ? { type: "text" as const, text: values.get(name)! } : { type: "text" as const, parameter_name: name, text: values.get(name)! }));
  if (headerText !== null && templateVariables([headerText]).length > 0) send.components.push({ type: "header", parameters: parametersOf(headerText) });
  const bodyText = body && body.type === "BODY" ? body.text : "";
  if (templateVariables([bodyText]).length > 0) send.components.push({ type: "body", parameters: parametersOf(bodyText) });
  return {
    channel: "WHATSAPP",
    header: headerText === null ? null : fill(headerText, values, false),
    body: fill(bodyText, values, false),
    footer: footer && footer.type === "FOOTER" ? footer.text : null,
    template: send,
  };
}
