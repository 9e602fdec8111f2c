import { createTemplate } from "@/server/templates/create-template";
import { deleteTemplate } from "@/server/templates/delete-template";
import { findTemplates, getTemplate } from "@/server/templates/find-templates";
import { previewTemplate } from "@/server/templates/preview-template";
import { updateTemplate } from "@/server/templates/update-template";
import { syncWhatsAppTemplates } from "@/server/messages/whatsapp/sync-whatsapp-templates";
import { TEMPLATE_READ_ROLE, TEMPLATE_WRITE_ROLE } from "@/server/templates/template-view";
import { ZCreateTemplateInput, ZFindTemplatesInput, ZPreviewTemplateInput, ZTemplateIdInput, ZUpdateTemplateInput } from "@/server/templates/templates.schemas";
import { createTRPCRouter, tenantProcedure } from "@/trpc/init";

const reader = tenantProcedure(TEMPLATE_READ_ROLE);
const writer = tenantProcedure(TEMPLATE_WRITE_ROLE);

export const templatesRouter = createTRPCRouter({
  list: reader.input(ZFindTemplatesInput).query(({ ctx, input }) => findTemplates(ctx.actor, input)),
  get: reader.input(ZTemplateIdInput).query(({ ctx, input }) => getTemplate(ctx.actor, input)),
  create: writer.input(ZCreateTemplateInput).mutation(({ ctx, input }) => createTemplate(ctx.actor, input)),
  update: writer.input(ZUpdateTemplateInput).mutation(({ ctx, input }) => updateTemplate(ctx.actor, input)),
  delete: writer.input(ZTemplateIdInput).mutation(({ ctx, input }) => deleteTemplate(ctx.actor, input)),
  /** WhatsApp: the registry brought in line with Meta's templates (statuses, new ones made in Meta's manager). */
  syncWhatsApp: writer.mutation(({ ctx }) => syncWhatsAppTemplates(ctx.actor)),
  /**
   * Renders a saved template or the editor's draft with sample values. Changes nothing, but a mutation all the same:
   * a draft's HTML can be hundreds of KB, too long for a query's URL.
   */
  preview: reader.input(ZPreviewTemplateInput).mutation(({ ctx, input }) => previewTemplate(ctx.actor, input)),
});
