"use client";

import { useQuery } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import { BookUserIcon, DownloadIcon, PlusIcon, UploadIcon } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { DataTable } from "@/components/shared/data-table";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { PageHeader } from "@/components/ui/page-header";
import { ContactsNav } from "@/components/portal/contacts/contacts-nav";
import type { ContactRow } from "@/components/portal/contacts/types";
import { useTRPC } from "@/trpc/react";


const columns: ColumnDef<ContactRow>[] = [
  {
    header: "Name",
    accessorKey: "displayName",
    cell: ({ row }) => (
      <Link href={`/contacts/${row.original.id}`} className="font-medium underline-offset-4 hover:underline">
        {row.original.displayName}
      </Link>
    ),
  },
  { header: "Company", accessorKey: "company", cell: ({ row }) => row.original.company ?? "—", meta: { className: "hidden sm:table-cell" } },
  {
    header: "Reach at",
    id: "identities",
    cell: ({ row }) => <span className="text-muted-foreground">{row.original.identities.slice(0, 2).map((i) => i.value).join(", ") || "—"}</span>,
  },
  {
    header: "Tags",
    id: "tags",
    cell: ({ row }) => (
      <div className="flex flex-wrap gap-1">
        {row.original.tags.map((t) => (
          <Badge key={t} variant="secondary">
            {t}
          </Badge>
        ))}
      </div>
    ),
    meta: { className: "hidden md:table-cell" },
  },
];

function NewContactForm({ onDone }: { onDone: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const create = useToastMutation(trpc.contacts.create.mutationOptions({ onSuccess: (c) => router.push(`/contacts/${c.id}`) }), { success: (c) => `${c.displayName} added`, invalidate: [trpc.contacts.list.pathKey()] });
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const phone = String(f.get("phone") ?? "").trim();
    const email = String(f.get("email") ?? "").trim();
    create.mutate({
      displayName: String(f.get("displayName") ?? ""),
      identities: [...(phone ? [{ kind: "PHONE" as const, value: phone }] : []), ...(email ? [{ kind: "EMAIL" as const, value: email }] : [])],
    });
  };
  return (
    <form onSubmit={submit} className="mb-4 grid gap-3 rounded-lg border p-4 sm:grid-cols-4 sm:items-end" aria-label="New contact">
      <div className="grid gap-1.5">
        <Label htmlFor="nc-name">Name</Label>
        <Input id="nc-name" name="displayName" required autoFocus />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="nc-phone">Phone</Label>
        <Input id="nc-phone" name="phone" inputMode="tel" placeholder="+14155550123" />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="nc-email">Email</Label>
        <Input id="nc-email" name="email" type="email" />
      </div>
      <div className="flex gap-2">
        <Button type="submit" disabled={create.isPending}>
          Add contact
        </Button>
        <Button type="button" variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

export function ContactsList() {
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const [tagText, setTagText] = useState("");
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [adding, setAdding] = useState(false);
  const tags = tagText.split(",").map((t) => t.trim()).filter(Boolean);
  const cursor = cursors[cursors.length - 1] ?? null;
  const list = useQuery(trpc.contacts.list.queryOptions({ search: search || undefined, tags: tags.length ? tags : undefined, cursor, limit: 25 }));
  const filtered = Boolean(search || tags.length);
  const rows = list.data?.items ?? [];
  return (
    <div>
      <PageHeader
        title="Contacts"
        description="The people you talk to, with every number, address and channel id they reach you from."
        actions={
          <div className="flex flex-wrap gap-2">
            <Button onClick={() => setAdding(true)}>
              <PlusIcon /> New contact
            </Button>
            <Button variant="outline" asChild>
              <Link href="/contacts/import">
                <UploadIcon /> Import CSV
              </Link>
            </Button>
            <Button variant="outline" asChild>
              <a href="/api/contacts/export" download>
                <DownloadIcon /> Export CSV
              </a>
            </Button>
          </div>
        }
      />
      <ContactsNav />
      {adding && <NewContactForm onDone={() => setAdding(false)} />}
      <div className="mb-4 grid gap-3 sm:grid-cols-2">
        <div className="grid gap-1.5">
          <Label htmlFor="contacts-search">Search</Label>
          <Input id="contacts-search" type="search" placeholder="Name, company, phone or email" value={search} onChange={(e) => { setSearch(e.target.value); setCursors([null]); }} />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="contacts-tags">Tags</Label>
          <Input id="contacts-tags" placeholder="vip, lead" value={tagText} onChange={(e) => { setTagText(e.target.value); setCursors([null]); }} />
        </div>
      </div>
      {list.error ? (
        <p role="alert" className="text-destructive">{list.error.message}</p>
      ) : (
        <DataTable
          columns={columns}
          data={rows}
          empty={
            list.isLoading ? (
              <p className="p-6 text-center text-muted-foreground">Loading contacts…</p>
            ) : (
              <EmptyState
                icon={BookUserIcon}
                title={filtered ? "No contact matches" : "No contacts yet"}
                description={filtered ? "Try another name, number or tag." : "Add one, or import a CSV from your CRM. Callers and senders are added as they reach you."}
                action={!filtered && <Button onClick={() => setAdding(true)}><PlusIcon /> New contact</Button>}
              />
            )
          }
        />
      )}
      <div className="mt-3 flex justify-end gap-2">
        <Button variant="outline" size="sm" disabled={cursors.length < 2} onClick={() => setCursors((c) => c.slice(0, -1))}>
          Previous
        </Button>
        <Button variant="outline" size="sm" disabled={!list.data?.hasMore} onClick={() => setCursors((c) => [...c, list.data?.nextCursor ?? null])}>
          Next
        </Button>
      </div>
    </div>
  );
}
