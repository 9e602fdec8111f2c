import { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/server/errors";
import { templateVariables } from "@/server/templates/template-variables";
import type { ZCreateTemplateInput } from "@/server/templates/templates.schemas";
import type { z } from "zod";

type Parsed = z.output<typeof ZCreateTemplateInput>;

/** The columns a parsed template writes: every channel's fields, blank where another channel's belong. */
export function templateRowData(t: Parsed) {
  const blank = { body: "", subject: "", html: "", text: "", language: "", category: null, components: Prisma.DbNull, approvalStatus: null, rejectionReason: null };
  if (t.channel === "SMS") return { ...blank, channel: t.channel, name: t.name, body: t.body, variables: templateVariables([t.body]) };
  if (t.channel === "EMAIL") return { ...blank, channel: t.channel, name: t.name, subject: t.subject, html: t.html, text: t.text, variables: templateVariables([t.subject, t.html, t.text]) };
  const body = t.components.find((c) => c.type === "BODY");
  const texts = t.components.flatMap((c) => (c.type === "HEADER" || c.type === "BODY" ? [c.text ?? ""] : []));
  return {
    ...blank,
    channel: t.channel,
    name: t.name,
    body: body?.type === "BODY" ? body.text : "",
    language: t.language,
    category: t.category,
    components: t.components as Prisma.InputJsonValue,
    approvalStatus: t.approvalStatus,
    rejectionReason: t.approvalStatus === "REJECTED" ? (t.rejectionReason ?? null) : null,
    variables: templateVariables(texts),
  };
}

/** The unique (channel, name, language) taken: a 409 naming the field. */
export function templateNameTaken(e: unknown, t: Parsed): AppError | null {
  if (!(e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002")) return null;
  const what = t.channel === "WHATSAPP" ? `a WhatsApp template named ${t.name} in ${t.language}` : `an ${t.channel === "SMS" ? "SMS" : "email"} template named ${t.name}`;
  return new AppError("CONFLICT", `name: ${what} already exists`, { details: { fieldErrors: { name: ["already taken"] } } });
}
