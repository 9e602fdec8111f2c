"use client";

import { useQuery } from "@tanstack/react-query";
import { KeyRoundIcon, PlusIcon, TriangleAlertIcon } from "lucide-react";
import { useState, type FormEvent } from "react";
import { FormErrorAlert } from "@/components/shared/form-error-alert";
import { SecretField } from "@/components/shared/secret-field";
import { useFormErrors } from "@/components/shared/use-form-errors";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { useTRPC } from "@/trpc/react";
import type { CreatedApiKey } from "@/components/portal/api-keys/types";

/** A new key can place calls and read them (and their recordings) unless the creator narrows it. */
const DEFAULT_SCOPES = ["account:read", "calls:read", "calls:write", "recordings:read"];

function CreatedKey({ created }: { created: CreatedApiKey }) {
  const origin = typeof window === "undefined" ? "" : window.location.origin;
  const curl = `curl ${origin}/api/v1/account \\\n  -H "Authorization: Bearer ${created.bearerToken}"`;
  return (
    <div className="flex min-w-0 flex-col gap-4">
      <Alert>
        <TriangleAlertIcon />
        <AlertTitle>Copy the secret now</AlertTitle>
        <AlertDescription>It is shown only this once. IRISX keeps a hash of it, so it cannot be shown again; if you lose it, create a new key.</AlertDescription>
      </Alert>
      <SecretField label="Bearer token" value={created.bearerToken} />
      <div className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        <SecretField label="Key id (Basic username)" value={created.apiKey.id} />
        <SecretField label="Secret (Basic password)" value={created.secret} />
      </div>
      <div className="flex min-w-0 flex-col gap-1.5">
        <span className="text-sm font-medium">Try it</span>
        <div className="relative rounded-md border bg-muted/50">
          <pre className="overflow-x-auto p-3 pr-12 font-mono text-xs">{curl}</pre>
          <CopyButton value={curl} label="Copy curl command" className="absolute right-2 top-2" />
        </div>
      </div>
    </div>
  );
}

export function CreateApiKeyDialog() {
  const trpc = useTRPC();
  const scopes = useQuery(trpc.apiKeys.scopes.queryOptions());
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [selected, setSelected] = useState<string[]>(DEFAULT_SCOPES);
  const { formRef, errors, clear, attempt } = useFormErrors();
  // Errors are shown on the form, not toasted; the new key is the mutation's own data until the dialog closes.
  const create = useToastMutation(trpc.apiKeys.create.mutationOptions(), { invalidate: [trpc.apiKeys.list.queryKey()], error: false });
  const created = create.data;

  function reset(next: boolean) {
    setOpen(next);
    if (!next) {
      // The secret must not survive the dialog: reopening starts a fresh key.
      setName("");
      setSelected(DEFAULT_SCOPES);
      clear();
      create.reset();
    }
  }

  function toggle(scope: string, on: boolean) {
    setSelected((prev) => (on ? [...prev, scope] : prev.filter((s) => s !== scope)));
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    await attempt(() => create.mutateAsync({ name, scopes: selected as never }));
  }

  const all = selected.includes("*");
  return (
    <Dialog open={open} onOpenChange={reset}>
      <DialogTrigger asChild>
        <Button>
          <PlusIcon /> Create API key
        </Button>
      </DialogTrigger>
      {/* A single shrinkable column, so long tokens wrap or scroll instead of widening the dialog. */}
      <DialogContent className="grid-cols-[minmax(0,1fr)] sm:max-w-2xl">
        {created ? (
          <>
            <DialogHeader>
              <DialogTitle className="flex items-center gap-2">
                <KeyRoundIcon className="size-5" /> “{created.apiKey.name}” created
              </DialogTitle>
              <DialogDescription>Use the bearer token, or the key id and secret with HTTP Basic auth (as Twilio client libraries do).</DialogDescription>
            </DialogHeader>
            <CreatedKey created={created} />
            <DialogFooter>
              <Button onClick={() => reset(false)}>I have copied the secret</Button>
            </DialogFooter>
          </>
        ) : (
          <form ref={formRef} onSubmit={submit} className="flex flex-col gap-5">
            <DialogHeader>
              <DialogTitle>Create API key</DialogTitle>
              <DialogDescription>Give the key a name that says where it is used, and only the scopes it needs.</DialogDescription>
            </DialogHeader>
            <FormField label="Name" required error={errors?.fields.name}>
              <Input value={name} onChange={(e) => setName(e.target.value)} placeholder="CRM integration" maxLength={100} autoFocus />
            </FormField>
            <fieldset className="flex flex-col gap-2">
              <legend className="mb-2 text-sm font-medium">Scopes</legend>
              <div className="grid gap-2 sm:grid-cols-2">
                {(scopes.data ?? []).map(({ scope, description }) => {
                  const id = `scope-${scope}`;
                  const checked = selected.includes(scope) || (all && scope !== "*");
                  return (
                    <div key={scope} className="flex items-start gap-2 rounded-md border p-2">
                      <Checkbox id={id} checked={checked} disabled={all && scope !== "*"} onCheckedChange={(v) => toggle(scope, v === true)} />
                      <Label htmlFor={id} className="flex flex-col items-start gap-0.5 font-normal">
                        <code className="font-mono text-xs font-medium">{scope === "*" ? "* (all scopes)" : scope}</code>
                        <span className="text-xs text-muted-foreground">{description}</span>
                      </Label>
                    </div>
                  );
                })}
              </div>
              {errors?.fields.scopes && <p className="text-sm text-destructive">{errors.fields.scopes}</p>}
              <p className="text-sm text-muted-foreground" aria-live="polite">
                {all
                  ? "This key can do everything the API allows, including what is added later."
                  : selected.length === 0
                    ? "This key could do nothing: choose at least one scope."
                    : `This key can: ${(scopes.data ?? [])
                        .filter((s) => selected.includes(s.scope))
                        .map((s) => s.description.charAt(0).toLowerCase() + s.description.slice(1))
                        .join("; ")}.`}
              </p>
            </fieldset>
            <FormErrorAlert message={errors?.form} />
            <DialogFooter className="items-center">
              {/* A disabled button says why. */}
              {(name.trim() === "" || selected.length === 0) && (
                <p id="create-key-hint" className="mr-auto text-xs text-muted-foreground">
                  {name.trim() === "" ? "Name the key to create it." : "Choose at least one scope."}
                </p>
              )}
              <Button type="button" variant="outline" onClick={() => reset(false)}>
                Cancel
              </Button>
              <Button type="submit" aria-describedby="create-key-hint" disabled={create.isPending || name.trim() === "" || selected.length === 0}>
                {create.isPending ? "Creating…" : "Create key"}
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
