import type { MessageTemplate } from "@/generated/prisma/client";
import { db, type DbOrTx } from "@/server/db";
import { notFound } from "@/server/errors";
import type { RoleRule } from "@/server/tenancy";
import type { RenderableTemplate } from "@/server/templates/render-template";
import type { TWhatsAppComponent } from "@/server/templates/templates.schemas";

/** Agents read templates (they answer with them); supervisors and developers write them. */
export const TEMPLATE_READ_ROLE: RoleRule = { minRole: "AGENT" };
export const TEMPLATE_WRITE_ROLE: RoleRule = { minRole: "SUPERVISOR", alsoAllow: ["DEVELOPER"] };

export interface TemplateView {
  id: string;
  channel: "SMS" | "EMAIL" | "WHATSAPP";
  name: string;
  body: string;
  subject: string;
  html: string;
  text: string;
  language: string;
  category: "MARKETING" | "UTILITY" | "AUTHENTICATION" | null;
  components: TWhatsAppComponent[] | null;
  approvalStatus: "PENDING" | "APPROVED" | "REJECTED" | null;
  rejectionReason: string | null;
  variables: string[];
  createdAt: Date;
  updatedAt: Date;
}

export function toTemplateView(row: MessageTemplate): TemplateView {
  return {
    id: row.id,
    channel: row.channel,
    name: row.name,
    body: row.body,
    subject: row.subject,
    html: row.html,
    text: row.text,
    language: row.language,
    category: row.category,
    components: (row.components as TWhatsAppComponent[] | null) ?? null,
    approvalStatus: row.approvalStatus,
    rejectionReason: row.rejectionReason,
    variables: row.variables,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toRenderable(t: Pick<TemplateView, "channel" | "name" | "body" | "subject" | "html" | "text" | "language" | "components">): RenderableTemplate {
  if (t.channel === "SMS") return { channel: "SMS", body: t.body };
  if (t.channel === "EMAIL") return { channel: "EMAIL", subject: t.subject, html: t.html, text: t.text };
  return { channel: "WHATSAPP", name: t.name, language: t.language, components: t.components ?? [] };
}

/** The tenant's template; another tenant's id is NOT_FOUND, exactly like a missing one. */
export async function loadTenantTemplate(client: DbOrTx = db, tenantId: string, id: string): Promise<MessageTemplate> {
  const row = await client.messageTemplate.findFirst({ where: { id, tenantId } });
  if (!row) throw notFound("template");
  return row;
}
