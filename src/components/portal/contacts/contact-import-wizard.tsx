"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { DownloadIcon, UploadIcon } from "lucide-react";
import Link from "next/link";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { PageHeader } from "@/components/ui/page-header";
import { ContactsNav } from "@/components/portal/contacts/contacts-nav";
import { useTRPC } from "@/trpc/react";

const BASE_TARGETS = [
  ["ignore", "Ignore"],
  ["display_name", "Name"],
  ["company", "Company"],
  ["tags", "Tags (; separated)"],
  ["note", "Note"],
  ["identity:PHONE", "Phone"],
  ["identity:EMAIL", "Email"],
  ["identity:WHATSAPP", "WhatsApp"],
  ["identity:SLACK", "Slack user id"],
  ["identity:DISCORD", "Discord user id"],
  ["identity:TEAMS", "Teams user id"],
  ["identity:TELEGRAM", "Telegram user id"],
] as const;

/** The header line's cells (quotes honoured), read from the start of the file: the file itself is never loaded whole. */
async function readHeader(file: File): Promise<string[]> {
  const head = await file.slice(0, 64 * 1024).text();
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < head.length; i++) {
    const ch = head[i]!;
    if (quoted) {
      if (ch === '"' && head[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      cells.push(cell.trim());
      cell = "";
    }
    else if (ch === "\n" || ch === "\r") break;
    else cell += ch;
  }
  cells.push(cell.trim());
  return cells.map((c) => c.replace(/^\uFEFF/, "")).filter(Boolean);
}

/** A first guess at where a column goes, from its name. */
function guess(column: string): string {
  const c = column.toLowerCase();
  if (/^(name|full ?name|display ?name|contact)$/.test(c)) return "display_name";
  if (/company|organi[sz]ation/.test(c)) return "company";
  if (/e-?mail/.test(c)) return "identity:EMAIL";
  if (/whats ?app/.test(c)) return "identity:WHATSAPP";
  if (/phone|mobile|cell|tel/.test(c)) return "identity:PHONE";
  if (/tag|label/.test(c)) return "tags";
  if (/note|comment/.test(c)) return "note";
  return "ignore";
}

function Progress({ importId }: { importId: string }) {
  const trpc = useTRPC();
  const status = useQuery({
    ...trpc.contacts.import.queryOptions({ id: importId }),
    refetchInterval: (q) => (q.state.data && ["COMPLETED", "FAILED"].includes(q.state.data.status) ? false : 1000),
  });
  const s = status.data;
  const queryClient = useQueryClient();
  const finished = s?.status === "COMPLETED";
  // The list cached before the import is stale once it lands.
  useEffect(() => {
    if (finished) void queryClient.invalidateQueries({ queryKey: trpc.contacts.list.pathKey() });
  }, [finished, queryClient, trpc]);
  if (!s) return <p className="text-muted-foreground">Starting…</p>;
  const percent = Math.round(s.progress * 100);
  return (
    <Card>
      <CardHeader>
        <CardTitle>{s.status === "COMPLETED" ? "Import finished" : s.status === "FAILED" ? "Import failed" : "Importing…"}</CardTitle>
        <CardDescription>{s.fileName}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <div role="progressbar" aria-label="Import progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} className="h-3 w-full overflow-hidden rounded-full bg-muted">
          <div className="h-full bg-primary transition-all" style={{ width: `${percent}%` }} />
        </div>
        <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-4">
          <div><dt className="text-muted-foreground">Rows read</dt><dd className="tabular-nums" data-testid="rows-processed">{s.rowsProcessed}</dd></div>
          <div><dt className="text-muted-foreground">Created</dt><dd className="tabular-nums">{s.rowsCreated}</dd></div>
          <div><dt className="text-muted-foreground">Updated</dt><dd className="tabular-nums">{s.rowsUpdated}</dd></div>
          <div><dt className="text-muted-foreground">With errors</dt><dd className="tabular-nums" data-testid="rows-failed">{s.rowsFailed}</dd></div>
        </dl>
        {s.error && <p role="alert" className="text-destructive">{s.error}</p>}
        {s.firstErrors.length > 0 && (
          <div className="grid gap-2">
            <ul className="grid gap-1 text-sm" aria-label="Rows with errors">
              {s.firstErrors.map((e) => (
                <li key={`${e.rowNumber}:${e.field}`}>
                  Row {e.rowNumber}, {e.field}: {e.message}
                </li>
              ))}
            </ul>
            <div>
              <Button variant="outline" asChild>
                <a href={`/api/contacts/imports/${s.id}/errors`} download>
                  <DownloadIcon /> Download error report
                </a>
              </Button>
            </div>
          </div>
        )}
        {s.status === "COMPLETED" && (
          <div>
            <Button asChild>
              <Link href="/contacts">See contacts</Link>
            </Button>
          </div>
        )}
      </CardContent>
    </Card>
  );
}

export function ContactImportWizard() {
  const trpc = useTRPC();
  const fields = useQuery(trpc.contacts.fields.queryOptions());
  const [file, setFile] = useState<File | null>(null);
  const [columns, setColumns] = useState<string[]>([]);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const [importId, setImportId] = useState<string | null>(null);
  const targets: (readonly [string, string])[] = [...BASE_TARGETS, ...(fields.data ?? []).map((f) => [`field:${f.name}`, f.label] as const)];

  const choose = async (f: File | null) => {
    setError(null);
    setFile(f);
    if (!f) return setColumns([]);
    const header = await readHeader(f);
    setColumns(header);
    setMapping(Object.fromEntries(header.map((c) => [c, guess(c)])));
  };
  const upload = async () => {
    if (!file) return;
    setUploading(true);
    setError(null);
    const used = Object.fromEntries(Object.entries(mapping).filter(([, t]) => t !== "ignore"));
    const res = await fetch(`/api/contacts/imports?fileName=${encodeURIComponent(file.name)}&mapping=${encodeURIComponent(JSON.stringify(used))}`, { method: "POST", body: file, headers: { "content-type": "text/csv" } });
    setUploading(false);
    const body = (await res.json()) as { id?: string; error?: { message: string } };
    if (!res.ok || !body.id) return setError(body.error?.message ?? `upload failed (${res.status})`);
    setImportId(body.id);
  };

  return (
    <div>
      <PageHeader title="Import contacts" description="A CSV with a header line. Rows that share a phone, email or channel id with a contact update it; the rest become new contacts." />
      <ContactsNav />
      {importId ? (
        <Progress importId={importId} />
      ) : (
        <div className="grid gap-4">
          <Card>
            <CardHeader>
              <CardTitle>1. Choose the file</CardTitle>
            </CardHeader>
            <CardContent>
              <Label htmlFor="import-file" className="sr-only">CSV file</Label>
              <Input id="import-file" type="file" accept=".csv,text/csv" onChange={(e) => void choose(e.target.files?.[0] ?? null)} />
            </CardContent>
          </Card>
          {columns.length > 0 && (
            <Card>
              <CardHeader>
                <CardTitle>2. Map the columns</CardTitle>
                <CardDescription>Map at least a name or an identity. Custom fields are defined under Custom fields.</CardDescription>
              </CardHeader>
              <CardContent className="grid gap-3">
                {columns.map((column, i) => (
                  <div key={column} className="grid gap-1.5 sm:grid-cols-2 sm:items-center">
                    <Label htmlFor={`map-${i}`} className="break-all">{column}</Label>
                    <select id={`map-${i}`} value={mapping[column] ?? "ignore"} onChange={(e) => setMapping((m) => ({ ...m, [column]: e.target.value }))} className="h-9 rounded-md border bg-background px-2 text-sm">
                      {targets.map(([value, label]) => (
                        <option key={value} value={value}>{label}</option>
                      ))}
                    </select>
                  </div>
                ))}
                {error && <p role="alert" className="text-destructive">{error}</p>}
                <div>
                  <Button onClick={() => void upload()} disabled={uploading}>
                    <UploadIcon /> {uploading ? "Uploading…" : "3. Start import"}
                  </Button>
                </div>
              </CardContent>
            </Card>
          )}
        </div>
      )}
    </div>
  );
}
