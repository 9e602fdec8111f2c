import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parse } from "csv-parse";
import { env } from "@/env";
import { recordAudit } from "@/server/audit/record-audit";
import { loadFieldDefinitions } from "@/server/contacts/contact-fields";
import { CONTACT_ADMIN_ROLE } from "@/server/contacts/contact-view";
import { ZImportMapping, type TImportMapping } from "@/server/contacts/contacts.schemas";
import type { ContactImportView } from "@/server/contacts/get-contact-import";
import { toContactImportView } from "@/server/contacts/contact-import-view";
import { db } from "@/server/db";
import { AppError, fieldError } from "@/server/errors";
import { newId } from "@/server/shared/ids";
import { assertRole, type Actor } from "@/server/tenancy";

/** Largest file accepted (a million rows of a dozen columns fit well inside). */
export const MAX_IMPORT_BYTES = 512 * 1024 * 1024;

export interface CreateContactImportInput {
  fileName: string;
  mapping: TImportMapping;
  /** The CSV bytes: a string, or a stream so a large upload is never held in memory. */
  csv: string | Readable;
}

/**
 * Stores the upload (streamed to CONTACT_IMPORTS_DIR), checks the mapping against its header and the tenant's
 * fields, and queues the import for the job (run-contact-imports.ts). Nothing is imported here.
 */
export async function createContactImport(actor: Actor, input: CreateContactImportInput): Promise<ContactImportView> {
  assertRole(actor, CONTACT_ADMIN_ROLE);
  const parsed = ZImportMapping.safeParse(input.mapping);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw fieldError(["mapping", ...(issue?.path ?? [])].join("."), issue?.message ?? "is not a column mapping");
  }
  const mapping = parsed.data;
  const fileName = input.fileName.trim().slice(0, 200) || "contacts.csv";
  const id = newId("ctimp");
  const dir = path.resolve(env.CONTACT_IMPORTS_DIR, actor.tenantId);
  const storagePath = path.join(dir, `${id}.csv`);
  await mkdir(dir, { recursive: true });
  try {
    let size = 0;
    const source = typeof input.csv === "string" ? Readable.from([Buffer.from(input.csv, "utf8")]) : input.csv;
    await pipeline(
      source,
      async function* limit(chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          size += chunk.length;
          if (size > MAX_IMPORT_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", `file: larger than ${MAX_IMPORT_BYTES} bytes`);
          yield chunk;
        }
      },
      createWriteStream(storagePath),
    );
    const header = await readHeader(storagePath);
    for (const column of Object.keys(mapping)) if (!header.includes(column)) throw fieldError(`mapping.${column}`, "is not a column of the file's header");
    if (!Object.values(mapping).some((t) => t === "display_name" || t.startsWith("identity:"))) throw fieldError("mapping", "map a column to display_name or to an identity");
    const defs = await loadFieldDefinitions(db, actor.tenantId);
    for (const [column, target] of Object.entries(mapping)) {
      if (target.startsWith("field:") && !defs.has(target.slice(6))) throw fieldError(`mapping.${column}`, `${target.slice(6)} is not a custom field of this account`);
    }
    const sizeBytes = BigInt((await stat(storagePath)).size);
    return await db.$transaction(async (tx) => {
      const row = await tx.contactImport.create({ data: { id, tenantId: actor.tenantId, fileName, storagePath, sizeBytes, mapping, createdById: actor.userId } });
      await recordAudit(tx, actor, { action: "contact_import.created", targetType: "contact_import", targetId: id, after: { fileName, sizeBytes, mapping } });
      return toContactImportView(row);
    });
  } catch (err) {
    await rm(storagePath, { force: true });
    throw err;
  }
}

async function readHeader(file: string): Promise<string[]> {
  const parser = createReadStream(file).pipe(parse({ to_line: 1, bom: true, relax_column_count: true }));
  for await (const record of parser as AsyncIterable<string[]>) return record.map((c) => c.trim());
  throw fieldError("file", "is empty: the first line must name the columns");
}
