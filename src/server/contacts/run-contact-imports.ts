// The import job: claims a queued (or abandoned) import with a lease, reads its file as a stream through csv-parse
// and applies it in batches (apply-import-batch.ts), each batch one transaction that also advances the import's
// counters, so memory holds one batch whatever the file's size and a run that dies resumes after its last batch.
import { createReadStream } from "node:fs";
import { rm } from "node:fs/promises";
import { hostname } from "node:os";
import { parse } from "csv-parse";
import { applyImportBatch, type ImportRow } from "@/server/contacts/apply-import-batch";
import { loadFieldDefinitions } from "@/server/contacts/contact-fields";
import type { TImportMapping } from "@/server/contacts/contacts.schemas";
import { db } from "@/server/db";
import { newId } from "@/server/shared/ids";

const LEASE_MS = 60_000;

export interface RunContactImportsOptions {
  /** Return after this long (the lease is released and the next pass resumes); default 20 s. */
  deadlineMs?: number;
  batchSize?: number;
  signal?: AbortSignal;
  owner?: string;
}

export interface RunContactImportsResult {
  /** Imports worked on in this pass. */
  imports: number;
  rows: number;
  /** Nothing was waiting. */
  idle: boolean;
}

export async function runContactImports(opts: RunContactImportsOptions = {}): Promise<RunContactImportsResult> {
  const deadline = Date.now() + (opts.deadlineMs ?? 20_000);
  const owner = opts.owner ?? `${hostname()}:${process.pid}:${newId("run")}`;
  const result: RunContactImportsResult = { imports: 0, rows: 0, idle: true };
  while (Date.now() < deadline && !opts.signal?.aborted) {
    const id = await claimImport(owner);
    if (!id) break;
    result.idle = false;
    result.imports++;
    result.rows += await processImport(id, owner, deadline, opts);
  }
  return result;
}

async function claimImport(owner: string): Promise<string | null> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    UPDATE "ContactImport" SET "leaseOwner" = ${owner}, "leaseExpiresAt" = now() + ${`${LEASE_MS} milliseconds`}::interval,
      status = 'RUNNING', "startedAt" = coalesce("startedAt", now()), "updatedAt" = now()
    WHERE id = (
      SELECT id FROM "ContactImport"
      WHERE status IN ('QUEUED', 'RUNNING') AND ("leaseExpiresAt" IS NULL OR "leaseExpiresAt" < now())
      ORDER BY "createdAt" LIMIT 1 FOR UPDATE SKIP LOCKED
    ) RETURNING id`;
  return rows[0]?.id ?? null;
}

async function processImport(id: string, owner: string, deadline: number, opts: RunContactImportsOptions): Promise<number> {
  const imp = await db.contactImport.findUniqueOrThrow({ where: { id } });
  const batchSize = opts.batchSize ?? 1000;
  const ctx = { tenantId: imp.tenantId, mapping: imp.mapping as TImportMapping, defs: await loadFieldDefinitions(db, imp.tenantId), authorUserId: imp.createdById };
  const parser = createReadStream(imp.storagePath).pipe(parse({ columns: (h: string[]) => h.map((c) => c.trim()), bom: true, relax_column_count: true, skip_empty_lines: true, info: true }));
  let seen = 0;
  let rows = 0;
  let batch: ImportRow[] = [];
  let bytes = 0;
  const flush = async () => {
    const done = batch;
    batch = [];
    const result = await db.$transaction(async (tx) => {
      const applied = await applyImportBatch(tx, ctx, done);
      if (applied.errors.length) {
        await tx.contactImportError.createMany({ data: applied.errors.map((e) => ({ id: newId("ctie"), tenantId: imp.tenantId, importId: id, ...e, message: e.message.slice(0, 500) })) });
      }
      // Only while this runner still holds the lease: a runner that lost it must not count the batch twice.
      const advanced = await tx.contactImport.updateMany({
        where: { id, leaseOwner: owner },
        data: {
          rowsProcessed: { increment: done.length },
          rowsCreated: { increment: applied.created },
          rowsUpdated: { increment: applied.updated },
          rowsFailed: { increment: applied.errors.length },
          bytesProcessed: BigInt(bytes),
          leaseExpiresAt: new Date(Date.now() + LEASE_MS),
        },
      });
      if (advanced.count !== 1) throw new Error(`contact import ${id}: lease lost`);
      return applied;
    }, { timeout: 60_000 });
    rows += done.length;
    return result;
  };
  try {
    for await (const out of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number; bytes: number } }>) {
      seen++;
      if (seen <= imp.rowsProcessed) continue;
      bytes = out.info.bytes;
      batch.push({ rowNumber: out.info.lines, record: out.record });
      if (batch.length >= batchSize) {
        await flush();
        if (Date.now() >= deadline || opts.signal?.aborted) {
          parser.destroy();
          await db.contactImport.updateMany({ where: { id, leaseOwner: owner }, data: { leaseOwner: null, leaseExpiresAt: null } });
          return rows;
        }
      }
    }
    if (batch.length) await flush();
    await db.contactImport.updateMany({ where: { id, leaseOwner: owner }, data: { status: "COMPLETED", completedAt: new Date(), bytesProcessed: imp.sizeBytes, leaseOwner: null, leaseExpiresAt: null } });
    await rm(imp.storagePath, { force: true });
  } catch (err) {
    parser.destroy();
    const message = err instanceof Error ? err.message : String(err);
    // A malformed file (an unclosed quote) fails the import with the parser's line; anything else is retried.
    if ((err as { code?: string }).code?.startsWith("CSV_")) {
      await db.contactImport.updateMany({ where: { id, leaseOwner: owner }, data: { status: "FAILED", error: message.slice(0, 1000), completedAt: new Date(), leaseOwner: null, leaseExpiresAt: null } });
    } else {
      await db.contactImport.updateMany({ where: { id, leaseOwner: owner }, data: { leaseOwner: null, leaseExpiresAt: null, error: message.slice(0, 1000) } });
      throw err;
    }
  }
  return rows;
}
