import type { ContactImport } from "@/generated/prisma/client";

export interface ContactImportView {
  id: string;
  fileName: string;
  status: string;
  sizeBytes: number;
  bytesProcessed: number;
  /** 0..1, from bytes read: what the progress bar shows. */
  progress: number;
  rowsProcessed: number;
  rowsCreated: number;
  rowsUpdated: number;
  rowsFailed: number;
  mapping: Record<string, string>;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  completedAt: Date | null;
}

export function toContactImportView(row: ContactImport): ContactImportView {
  const size = Number(row.sizeBytes);
  const done = Number(row.bytesProcessed);
  return {
    id: row.id,
    fileName: row.fileName,
    status: row.status,
    sizeBytes: size,
    bytesProcessed: done,
    progress: row.status === "COMPLETED" ? 1 : size > 0 ? Math.min(1, done / size) : 0,
    rowsProcessed: row.rowsProcessed,
    rowsCreated: row.rowsCreated,
    rowsUpdated: row.rowsUpdated,
    rowsFailed: row.rowsFailed,
    mapping: row.mapping as Record<string, string>,
    error: row.error,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    completedAt: row.completedAt,
  };
}
