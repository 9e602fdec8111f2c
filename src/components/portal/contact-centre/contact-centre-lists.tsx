"use client";

// Settings → Contact centre: the tenant's skills, away reasons and disposition codes: add, rename, remove
// (archived when history refers to them). A taken name or code is shown under its field.
import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { fieldErrorsOf, type FieldErrors } from "@/components/portal/contact-centre/field-errors";
import type { ListItem } from "@/components/portal/contact-centre/types";
import { useTRPC } from "@/trpc/react";

type Kind = "skill" | "awayReason" | "disposition";
const TEXT: Record<Kind, { title: string; description: string; empty: string; noun: string }> = {
  skill: { title: "Skills", description: "What agents know (levels 1–10, set per agent) and queues require.", empty: "No skills yet.", noun: "skill" },
  awayReason: { title: "Away reasons", description: "What agents pick when they step away: lunch, training, meeting…", empty: "No away reasons yet: agents go away without one.", noun: "away reason" },
  disposition: { title: "Disposition codes", description: "How agents close a call in wrap-up; a queue may require one.", empty: "No disposition codes yet.", noun: "disposition" },
};

function ItemRow({ kind, item }: { kind: Kind; item: ListItem }) {
  const trpc = useTRPC();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(item.name);
  const [error, setError] = useState<string | undefined>();
  const listKey = trpc.contactCentre.list.pathKey();
  const rename = useToastMutation(trpc.contactCentre.renameItem.mutationOptions(), { success: "Renamed", invalidate: [listKey], error: false });
  const remove = useToastMutation(trpc.contactCentre.removeItem.mutationOptions(), { success: (r) => (r.outcome === "archived" ? "Archived: kept for reports, no longer offered" : "Deleted"), invalidate: [listKey] });
  function submit(e: FormEvent) {
    e.preventDefault();
    rename.mutate({ kind, id: item.id, name }, { onSuccess: () => setEditing(false), onError: (err) => setError(fieldErrorsOf(err).name ?? err.message) });
  }
  return (
    <li className="flex flex-wrap items-center gap-2 border-b py-2 last:border-0">
      {editing ? (
        <form onSubmit={submit} className="flex flex-1 items-start gap-2">
          <FormField label={`Rename ${item.name}`} hideLabel error={error} className="flex-1" htmlFor={`rename-${item.id}`}>
            <Input autoFocus value={name} onChange={(e) => setName(e.target.value)} onKeyDown={(e) => e.key === "Escape" && setEditing(false)} />
          </FormField>
          <Button type="submit" size="sm" disabled={rename.isPending}>
            Save
          </Button>
          <Button type="button" size="sm" variant="ghost" onClick={() => setEditing(false)}>
            Cancel
          </Button>
        </form>
      ) : (
        <>
          <span className="flex-1 truncate">
            {item.code && <span className="mr-2 font-mono text-xs text-muted-foreground">{item.code}</span>}
            {item.name}
            {item.archived && <span className="ml-2 text-xs text-muted-foreground">(archived)</span>}
          </span>
          <span className="text-xs text-muted-foreground">{item.usedBy > 0 ? `used ${item.usedBy}×` : ""}</span>
          {!item.archived && (
            <>
              <Button size="sm" variant="ghost" aria-label={`Rename ${item.name}`} onClick={() => (setName(item.name), setError(undefined), setEditing(true))}>
                Rename
              </Button>
              <Button
                size="sm"
                variant="ghost"
                aria-label={`Remove ${item.name}`}
                disabled={remove.isPending}
                onClick={() => {
                  if (window.confirm(`Remove the ${TEXT[kind].noun} "${item.name}"?`)) remove.mutate({ kind, id: item.id });
                }}
              >
                Remove
              </Button>
            </>
          )}
        </>
      )}
    </li>
  );
}

function ListCard({ kind }: { kind: Kind }) {
  const trpc = useTRPC();
  const items = useQuery(trpc.contactCentre.list.queryOptions({ kind, includeArchived: true }));
  const [name, setName] = useState("");
  const [code, setCode] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const create = useToastMutation(trpc.contactCentre.createItem.mutationOptions(), { success: (i) => `Added ${i.name}`, invalidate: [trpc.contactCentre.list.pathKey()], error: false });
  function submit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    const input = kind === "disposition" ? { kind, code, name } : { kind, name };
    create.mutate(input, {
      onSuccess: () => (setName(""), setCode("")),
      onError: (err) => {
        const f = fieldErrorsOf(err);
        setErrors(Object.keys(f).length > 0 ? f : { name: err.message });
      },
    });
  }
  const t = TEXT[kind];
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t.title}</CardTitle>
        <CardDescription>{t.description}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        {items.data?.length === 0 && <p className="text-sm text-muted-foreground">{t.empty}</p>}
        <ul aria-label={t.title}>{items.data?.map((i) => <ItemRow key={i.id} kind={kind} item={i} />)}</ul>
        <form onSubmit={submit} noValidate className="flex flex-wrap items-start gap-2" aria-label={`Add ${t.noun}`}>
          {kind === "disposition" && (
            <FormField label="Code" error={errors.code} className="w-32" htmlFor={`new-${kind}-code`}>
              <Input value={code} onChange={(e) => setCode(e.target.value)} placeholder="sale" />
            </FormField>
          )}
          <FormField label={kind === "disposition" ? "Name" : `New ${t.noun}`} error={errors.name} className="min-w-40 flex-1" htmlFor={`new-${kind}-name`}>
            <Input value={name} onChange={(e) => setName(e.target.value)} />
          </FormField>
          <Button type="submit" className="mt-[1.375rem]" disabled={create.isPending}>
            Add
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}

export function ContactCentreLists() {
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Contact centre" description="Skills, away reasons and disposition codes your agents and queues use." />
      <div className="grid gap-6 xl:grid-cols-3">
        <ListCard kind="skill" />
        <ListCard kind="awayReason" />
        <ListCard kind="disposition" />
      </div>
    </div>
  );
}
