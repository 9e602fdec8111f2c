"use client";

import { useQuery } from "@tanstack/react-query";
import { PhoneIncomingIcon, PhoneOutgoingIcon, Trash2Icon, Undo2Icon, VoicemailIcon, XIcon } from "lucide-react";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { PageHeader } from "@/components/ui/page-header";
import { Textarea } from "@/components/ui/textarea";
import type { ContactDetailRow, TimelineRow } from "@/components/portal/contacts/types";
import { useTRPC } from "@/trpc/react";

const KINDS = ["PHONE", "EMAIL", "WHATSAPP", "SLACK", "DISCORD", "TEAMS", "TELEGRAM"] as const;
const when = (d: Date | string) => new Date(d).toLocaleString();

function Identities({ contact }: { contact: ContactDetailRow }) {
  const trpc = useTRPC();
  const invalidate = [trpc.contacts.get.pathKey()];
  const add = useToastMutation(trpc.contacts.addIdentity.mutationOptions(), { success: "Identity added", invalidate });
  const remove = useToastMutation(trpc.contacts.removeIdentity.mutationOptions(), { success: "Identity removed", invalidate });
  const [kind, setKind] = useState<(typeof KINDS)[number]>("PHONE");
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    add.mutate({ contactId: contact.id, identity: { kind, value: String(new FormData(form).get("value") ?? "") } }, { onSuccess: () => form.reset() });
  };
  return (
    <Card>
      <CardHeader>
        <CardTitle>Identities</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-3">
        <ul className="grid gap-1">
          {contact.identities.map((i) => (
            <li key={i.id} className="flex items-center justify-between gap-2 text-sm">
              <span className="min-w-0 break-all">
                <Badge variant="outline" className="mr-2">{i.kind.toLowerCase()}</Badge>
                {i.value}
              </span>
              <Button variant="ghost" size="icon" aria-label={`Remove ${i.value}`} onClick={() => remove.mutate({ contactId: contact.id, identityId: i.id })}>
                <XIcon />
              </Button>
            </li>
          ))}
          {contact.identities.length === 0 && <li className="text-sm text-muted-foreground">No phone, email or channel id yet.</li>}
        </ul>
        <form onSubmit={submit} className="flex flex-wrap items-end gap-2" aria-label="Add identity">
          <div className="grid gap-1.5">
            <Label htmlFor="identity-kind">Kind</Label>
            <select id="identity-kind" value={kind} onChange={(e) => setKind(e.target.value as (typeof KINDS)[number])} className="h-9 rounded-md border bg-background px-2 text-sm">
              {KINDS.map((k) => (
                <option key={k} value={k}>{k.toLowerCase()}</option>
              ))}
            </select>
          </div>
          <div className="grid min-w-40 flex-1 gap-1.5">
            <Label htmlFor="identity-value">Value</Label>
            <Input id="identity-value" name="value" required />
          </div>
          <Button type="submit" variant="outline" disabled={add.isPending}>Add</Button>
        </form>
      </CardContent>
    </Card>
  );
}

function Details({ contact }: { contact: ContactDetailRow }) {
  const trpc = useTRPC();
  const fields = useQuery(trpc.contacts.fields.queryOptions());
  const update = useToastMutation(trpc.contacts.update.mutationOptions(), { success: "Contact saved", invalidate: [trpc.contacts.get.pathKey()] });
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const customFields: Record<string, unknown> = {};
    for (const def of fields.data ?? []) {
      const raw = f.get(`field:${def.name}`);
      if (def.type === "BOOLEAN") customFields[def.name] = raw === "on";
      else customFields[def.name] = raw === null || raw === "" ? null : String(raw);
    }
    update.mutate({
      id: contact.id,
      displayName: String(f.get("displayName") ?? ""),
      company: String(f.get("company") ?? "") || null,
      tags: String(f.get("tags") ?? "").split(",").map((t) => t.trim()).filter(Boolean),
      customFields,
    });
  };
  return (
    <Card>
      <CardHeader>
        <CardTitle>Details</CardTitle>
      </CardHeader>
      <CardContent>
        <form onSubmit={submit} className="grid gap-3" aria-label="Contact details" key={contact.updatedAt.toString()}>
          <div className="grid gap-1.5">
            <Label htmlFor="c-name">Name</Label>
            <Input id="c-name" name="displayName" defaultValue={contact.displayName} required />
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="c-company">Company</Label>
            <Input id="c-company" name="company" defaultValue={contact.company ?? ""} />
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="c-tags">Tags (comma separated)</Label>
            <Input id="c-tags" name="tags" defaultValue={contact.tags.join(", ")} />
          </div>
          {(fields.data ?? []).map((def) => {
            const value = contact.customFields[def.name];
            const id = `cf-${def.name}`;
            return (
              <div key={def.id} className="grid gap-1.5">
                <Label htmlFor={id}>{def.label}</Label>
                {def.type === "BOOLEAN" ? (
                  <input id={id} name={`field:${def.name}`} type="checkbox" defaultChecked={value === true} className="size-4" />
                ) : def.type === "SELECT" ? (
                  <select id={id} name={`field:${def.name}`} defaultValue={typeof value === "string" ? value : ""} className="h-9 rounded-md border bg-background px-2 text-sm">
                    <option value="">—</option>
                    {def.options.map((o) => (
                      <option key={o} value={o}>{o}</option>
                    ))}
                  </select>
                ) : (
                  <Input id={id} name={`field:${def.name}`} type={def.type === "DATE" ? "date" : def.type === "NUMBER" ? "number" : "text"} step="any" defaultValue={value === undefined || value === null ? "" : String(value as string | number)} />
                )}
              </div>
            );
          })}
          <div>
            <Button type="submit" disabled={update.isPending}>Save</Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}

function Notes({ contact }: { contact: ContactDetailRow }) {
  const trpc = useTRPC();
  const invalidate = [trpc.contacts.get.pathKey()];
  const add = useToastMutation(trpc.contacts.addNote.mutationOptions(), { success: "Note added", invalidate });
  const remove = useToastMutation(trpc.contacts.deleteNote.mutationOptions(), { success: "Note deleted", invalidate });
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    add.mutate({ contactId: contact.id, body: String(new FormData(form).get("body") ?? "") }, { onSuccess: () => form.reset() });
  };
  return (
    <Card>
      <CardHeader>
        <CardTitle>Notes</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-3">
        <form onSubmit={submit} className="grid gap-2" aria-label="Add note">
          <Label htmlFor="note-body" className="sr-only">Note</Label>
          <Textarea id="note-body" name="body" placeholder="Add a note" required />
          <div>
            <Button type="submit" variant="outline" disabled={add.isPending}>Add note</Button>
          </div>
        </form>
        <ul className="grid gap-2">
          {contact.notes.map((n) => (
            <li key={n.id} className="rounded-md border p-3 text-sm">
              <p className="whitespace-pre-wrap break-words">{n.body}</p>
              <div className="mt-2 flex items-center justify-between text-xs text-muted-foreground">
                <span>{n.authorName ?? "API"} · {when(n.createdAt)}</span>
                <Button variant="ghost" size="icon" aria-label="Delete note" onClick={() => remove.mutate({ contactId: contact.id, noteId: n.id })}>
                  <Trash2Icon />
                </Button>
              </div>
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}

function TimelineEntry({ item }: { item: TimelineRow }) {
  const d = item.data as Record<string, unknown>;
  if (item.type === "voicemail") {
    return (
      <li className="flex gap-3 text-sm">
        <VoicemailIcon className="mt-0.5 size-4 shrink-0 text-muted-foreground" aria-hidden />
        <div className="min-w-0">
          <p>Voicemail in {String(d.boxName)} · {String(d.durationSeconds)} s</p>
          {typeof d.transcript === "string" && <p className="break-words text-muted-foreground">“{d.transcript}”</p>}
          <p className="text-xs text-muted-foreground">{when(item.at)}</p>
        </div>
      </li>
    );
  }
  const inbound = String(d.direction) === "INBOUND";
  const Icon = inbound ? PhoneIncomingIcon : PhoneOutgoingIcon;
  const recordings = (d.recordings as { id: string }[] | undefined) ?? [];
  return (
    <li className="flex gap-3 text-sm">
      <Icon className="mt-0.5 size-4 shrink-0 text-muted-foreground" aria-hidden />
      <div className="min-w-0">
        <p>
          <Link href={`/calls/${item.id}`} className="underline-offset-4 hover:underline">
            {inbound ? "Call from" : "Call to"} {String(inbound ? d.from : d.to)}
          </Link>{" "}
          · {String(d.status).toLowerCase().replace(/_/g, " ")}
          {typeof d.durationSeconds === "number" ? ` · ${d.durationSeconds} s` : ""}
        </p>
        {recordings.map((r) => (
          <audio key={r.id} controls preload="none" src={`/api/recordings/${r.id}/media`} className="mt-1 h-8 w-full max-w-xs" aria-label="Call recording" />
        ))}
        <p className="text-xs text-muted-foreground">{when(item.at)}</p>
      </div>
    </li>
  );
}

function Timeline({ contactId }: { contactId: string }) {
  const trpc = useTRPC();
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const page = useQuery(trpc.contacts.timeline.queryOptions({ contactId, cursor: cursors[cursors.length - 1] ?? null, limit: 20 }));
  return (
    <Card>
      <CardHeader>
        <CardTitle>Timeline</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-3">
        {page.data && page.data.items.length === 0 && cursors.length === 1 ? (
          <p className="text-sm text-muted-foreground">No calls or voicemail with this contact yet.</p>
        ) : (
          <ol className="grid gap-3" aria-label="Timeline">
            {page.data?.items.map((item) => <TimelineEntry key={`${item.type}:${item.id}`} item={item} />)}
          </ol>
        )}
        <div className="flex gap-2">
          {cursors.length > 1 && <Button variant="outline" size="sm" onClick={() => setCursors((c) => c.slice(0, -1))}>Newer</Button>}
          {page.data?.hasMore && <Button variant="outline" size="sm" onClick={() => setCursors((c) => [...c, page.data?.nextCursor ?? null])}>Older</Button>}
        </div>
      </CardContent>
    </Card>
  );
}

export function ContactDetail({ contactId }: { contactId: string }) {
  const trpc = useTRPC();
  const contact = useQuery(trpc.contacts.get.queryOptions({ id: contactId }, { retry: false }));
  const undo = useToastMutation(trpc.contacts.undoMerge.mutationOptions(), { success: "Merge undone: both contacts are back", invalidate: [trpc.contacts.get.pathKey(), trpc.contacts.list.pathKey()] });
  if (contact.error) return <EmptyState title="Contact not found" description={<Link href="/contacts" className="underline">Back to contacts</Link>} />;
  if (!contact.data) return <p className="text-muted-foreground">Loading contact…</p>;
  const c = contact.data;
  return (
    <div>
      <PageHeader
        title={c.displayName}
        description={c.company ?? undefined}
        actions={
          c.lastMerge && (
            <Button variant="outline" onClick={() => undo.mutate({ mergeId: c.lastMerge!.id })} disabled={undo.isPending}>
              <Undo2Icon /> Undo last merge
            </Button>
          )
        }
      >
        <div className="flex flex-wrap gap-1">
          {c.tags.map((t) => (
            <Badge key={t} variant="secondary">{t}</Badge>
          ))}
        </div>
      </PageHeader>
      <div className="grid gap-4 lg:grid-cols-2">
        <div className="grid content-start gap-4">
          <Identities contact={c} />
          <Details contact={c} />
        </div>
        <div className="grid content-start gap-4">
          <Timeline contactId={c.id} />
          <Notes contact={c} />
        </div>
      </div>
    </div>
  );
}
