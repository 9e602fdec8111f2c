"use client";

import { useQuery } from "@tanstack/react-query";
import { ListPlusIcon, Trash2Icon } from "lucide-react";
import { useState, type FormEvent } from "react";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { PageHeader } from "@/components/ui/page-header";
import { ContactsNav } from "@/components/portal/contacts/contacts-nav";
import { useTRPC } from "@/trpc/react";

const TYPES = ["TEXT", "NUMBER", "DATE", "BOOLEAN", "SELECT"] as const;

export function ContactFieldsSettings() {
  const trpc = useTRPC();
  const fields = useQuery(trpc.contacts.fields.queryOptions());
  const invalidate = [trpc.contacts.fields.pathKey()];
  const create = useToastMutation(trpc.contacts.createField.mutationOptions(), { success: (f) => `${f.label} added`, invalidate });
  const remove = useToastMutation(trpc.contacts.deleteField.mutationOptions(), { success: (f) => `${f.label} removed`, invalidate });
  const [type, setType] = useState<(typeof TYPES)[number]>("TEXT");
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const label = String(f.get("label") ?? "").trim();
    const name = label.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "").replace(/^(\d)/, "f_$1");
    const options = String(f.get("options") ?? "").split(",").map((o) => o.trim()).filter(Boolean);
    create.mutate({ name, label, type, options: type === "SELECT" ? options : undefined }, { onSuccess: () => form.reset() });
  };
  return (
    <div>
      <PageHeader title="Custom fields" description="Fields every contact can carry. Values are checked against the field's type on every save and import." />
      <ContactsNav />
      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Fields</CardTitle>
          </CardHeader>
          <CardContent>
            {fields.data && fields.data.length === 0 ? (
              <EmptyState icon={ListPlusIcon} title="No custom fields" description="Add a plan, a renewal date, an account owner…" />
            ) : (
              <ul className="grid gap-2">
                {fields.data?.map((f) => (
                  <li key={f.id} className="flex items-center justify-between gap-2 rounded-md border p-2 text-sm">
                    <span className="min-w-0">
                      <span className="font-medium">{f.label}</span> <code className="text-xs text-muted-foreground">{f.name}</code>{" "}
                      <Badge variant="outline">{f.type.toLowerCase()}</Badge>
                      {f.options.length > 0 && <span className="block text-xs text-muted-foreground">{f.options.join(", ")}</span>}
                    </span>
                    <Button variant="ghost" size="icon" aria-label={`Delete ${f.label}`} onClick={() => remove.mutate({ id: f.id })}>
                      <Trash2Icon />
                    </Button>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Add a field</CardTitle>
          </CardHeader>
          <CardContent>
            <form onSubmit={submit} className="grid gap-3" aria-label="Add a field">
              <div className="grid gap-1.5">
                <Label htmlFor="field-label">Label</Label>
                <Input id="field-label" name="label" required maxLength={80} />
              </div>
              <div className="grid gap-1.5">
                <Label htmlFor="field-type">Type</Label>
                <select id="field-type" value={type} onChange={(e) => setType(e.target.value as (typeof TYPES)[number])} className="h-9 rounded-md border bg-background px-2 text-sm">
                  {TYPES.map((t) => (
                    <option key={t} value={t}>{t.toLowerCase()}</option>
                  ))}
                </select>
              </div>
              {type === "SELECT" && (
                <div className="grid gap-1.5">
                  <Label htmlFor="field-options">Options (comma separated)</Label>
                  <Input id="field-options" name="options" required />
                </div>
              )}
              <div>
                <Button type="submit" disabled={create.isPending}>Add field</Button>
              </div>
            </form>
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
