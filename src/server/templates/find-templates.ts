import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { NEWEST_FIRST, olderThan, toPage, type Page } from "@/server/shared/paging";
import { assertRole, type Actor } from "@/server/tenancy";
import { loadTenantTemplate, TEMPLATE_READ_ROLE, toTemplateView, type TemplateView } from "@/server/templates/template-view";
import { ZFindTemplatesInput, ZTemplateIdInput, type TFindTemplatesInput, type TTemplateIdInput } from "@/server/templates/templates.schemas";

export async function findTemplates(actor: Actor, input: TFindTemplatesInput = {}): Promise<Page<TemplateView>> {
  assertRole(actor, TEMPLATE_READ_ROLE);
  const q = ZFindTemplatesInput.parse(input);
  let after: { createdAt: Date; id: string } | null = null;
  if (q.cursor) {
    after = await db.messageTemplate.findFirst({ where: { id: q.cursor, tenantId: actor.tenantId }, select: { createdAt: true, id: true } });
    if (!after) throw new AppError("BAD_REQUEST", "starting_after does not name a template of this account", { details: [{ field: "starting_after", message: "unknown cursor" }] });
  }
  const rows = await db.messageTemplate.findMany({
    where: {
      tenantId: actor.tenantId,
      ...(q.channel ? { channel: q.channel } : {}),
      ...(q.search ? { name: { contains: q.search, mode: "insensitive" as const } } : {}),
      ...(after ? olderThan(after) : {}),
    },
    orderBy: NEWEST_FIRST,
    take: q.limit + 1,
  });
  const page = toPage(rows, q.limit);
  return { ...page, items: page.items.map(toTemplateView) };
}

export async function getTemplate(actor: Actor, input: TTemplateIdInput): Promise<TemplateView> {
  assertRole(actor, TEMPLATE_READ_ROLE);
  const { id } = ZTemplateIdInput.parse(input);
  return toTemplateView(await loadTenantTemplate(db, actor.tenantId, id));
}
