// The WhatsApp template registry follows Meta's: `syncWhatsAppTemplates` reads every template of each WhatsApp
// Business Account the tenant connected a number of (GET /{version}/{waba-id}/message_templates, following
// paging.next, with that number's token) and writes its status, category and components; a template made in Meta's
// manager joins the registry. Meta's `message_template_status_update` webhook moves one template's status as it
// happens (receive-whatsapp-webhook.ts → applyTemplateStatusUpdate). Meta's statuses beyond this registry's three:
// PAUSED and DISABLED (no longer sendable) read as REJECTED with the status as the reason; IN_APPEAL and the
// PENDING ones as PENDING.
import type { Prisma } from "@/generated/prisma/client";
import type { WhatsAppTemplateCategory, WhatsAppTemplateStatus } from "@/generated/prisma/enums";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { openSecret } from "@/server/crypto/secret-box";
import { recordAudit } from "@/server/audit/record-audit";
import { newId } from "@/server/shared/ids";
import { assertRole, type Actor } from "@/server/tenancy";
import { TEMPLATE_WRITE_ROLE } from "@/server/templates/template-view";
import { templateVariables } from "@/server/templates/template-variables";
import { whatsappEnv } from "@/server/messages/whatsapp/whatsapp.schemas";

interface MetaTemplate {
  name?: string;
  language?: string;
  status?: string;
  category?: string;
  components?: { type?: string; text?: string }[];
  rejected_reason?: string;
}

const CATEGORIES = new Set(["MARKETING", "UTILITY", "AUTHENTICATION"]);

/** Meta's status → the registry's, with the reason a not-sendable one carries. */
export function registryStatus(status: string | undefined, reason?: string | null): { status: WhatsAppTemplateStatus; reason: string | null } {
  const s = (status ?? "").toUpperCase();
  if (s === "APPROVED") return { status: "APPROVED", reason: null };
  if (s === "REJECTED") return { status: "REJECTED", reason: reason && reason !== "NONE" ? reason : "REJECTED" };
  if (s === "PAUSED" || s === "DISABLED" || s === "DELETED" || s === "LIMIT_EXCEEDED") return { status: "REJECTED", reason: s };
  return { status: "PENDING", reason: null };
}

export interface SyncResult {
  accounts: number;
  created: number;
  updated: number;
}

export async function syncWhatsAppTemplates(actor: Actor): Promise<SyncResult> {
  assertRole(actor, TEMPLATE_WRITE_ROLE);
  const numbers = await db.whatsAppNumber.findMany({ where: { tenantId: actor.tenantId }, select: { wabaId: true, accessTokenCipher: true }, orderBy: { createdAt: "asc" } });
  if (numbers.length === 0) throw new AppError("VALIDATION_FAILED", "channel: connect a WhatsApp number first (Settings → Channels): its Business Account holds the templates");
  const accounts = new Map(numbers.map((n) => [n.wabaId, n.accessTokenCipher]));
  const result: SyncResult = { accounts: accounts.size, created: 0, updated: 0 };
  for (const [wabaId, cipher] of accounts) {
    for (const t of await readTemplates(wabaId, openSecret(cipher))) {
      if (!t.name || !t.language) continue;
      const outcome = await upsertTemplate(actor.tenantId, t);
      if (outcome) result[outcome]++;
    }
  }
  await db.$transaction((tx) => recordAudit(tx, actor, { action: "templates.synced", targetType: "template", targetId: actor.tenantId, after: { ...result } }));
  return result;
}

async function readTemplates(wabaId: string, token: string): Promise<MetaTemplate[]> {
  const e = whatsappEnv();
  const out: MetaTemplate[] = [];
  let url: string | null = `${e.WHATSAPP_GRAPH_BASE_URL.replace(/\/$/, "")}/${e.WHATSAPP_GRAPH_VERSION}/${encodeURIComponent(wabaId)}/message_templates?fields=name,language,status,category,components,rejected_reason&limit=100`;
  for (let page = 0; url && page < 50; page++) {
    const res: Response = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(15_000) }).catch((err: unknown) => {
      throw new AppError("UNAVAILABLE", `Meta could not be reached (${(err as Error).message})`);
    });
    const body = (await res.json().catch(() => ({}))) as { data?: MetaTemplate[]; paging?: { next?: string }; error?: { message?: string; code?: number } };
    if (!res.ok) throw new AppError("BAD_REQUEST", `Meta refused the template list of ${wabaId} (${res.status}${body.error?.message ? `: ${body.error.message}` : ""})`);
    out.push(...(body.data ?? []));
    url = body.paging?.next ?? null;
  }
  return out;
}

async function upsertTemplate(tenantId: string, t: MetaTemplate): Promise<"created" | "updated" | null> {
  const { status, reason } = registryStatus(t.status, t.rejected_reason);
  const components = (t.components ?? []) as Prisma.InputJsonValue;
  const body = t.components?.find((c) => c.type === "BODY")?.text ?? "";
  const texts = (t.components ?? []).flatMap((c) => (c.type === "HEADER" || c.type === "BODY" ? [c.text ?? ""] : []));
  const category = CATEGORIES.has((t.category ?? "").toUpperCase()) ? ((t.category ?? "").toUpperCase() as WhatsAppTemplateCategory) : null;
  const data = { approvalStatus: status, rejectionReason: reason, components, body, variables: templateVariables(texts), ...(category ? { category } : {}) };
  const found = await db.messageTemplate.findFirst({ where: { tenantId, channel: "WHATSAPP", name: t.name!, language: t.language! }, select: { id: true, approvalStatus: true, rejectionReason: true, body: true, category: true } });
  if (found) {
    const same = found.approvalStatus === status && found.rejectionReason === reason && found.body === body && (!category || found.category === category);
    if (same) return null;
    await db.messageTemplate.update({ where: { id: found.id }, data });
    return "updated";
  }
  await db.messageTemplate.create({ data: { id: newId("mt"), tenantId, channel: "WHATSAPP", name: t.name!, language: t.language!, category: category ?? "UTILITY", ...data } });
  return "created";
}

/** Meta's `message_template_status_update` webhook: one template of the account whose number got it, moved at once. */
export async function applyTemplateStatusUpdate(tenantId: string, v: { event?: string; message_template_name?: string; message_template_language?: string; reason?: string | null }): Promise<boolean> {
  if (!v.message_template_name || !v.message_template_language) return false;
  const { status, reason } = registryStatus(v.event, v.reason);
  const updated = await db.messageTemplate.updateMany({
    where: { tenantId, channel: "WHATSAPP", name: v.message_template_name, language: v.message_template_language },
    data: { approvalStatus: status, rejectionReason: reason },
  });
  return updated.count > 0;
}
