"use client";

import { useState, type FormEvent } from "react";
import { VenetianMaskIcon } from "lucide-react";
import { ActionDialog } from "@/components/shared/action-dialog";
import { useFormErrors } from "@/components/shared/use-form-errors";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { useTRPC } from "@/trpc/react";

const DURATIONS = [15, 30, 60, 120] as const;

/**
 * Staff enter the tenant as one of its users: the reason is required (the tenant's owner reads it in their audit
 * log), the time is boxed (30 minutes by default), and the session starts read-only.
 */
export function ImpersonateDialog({ tenant, members, defaultUserId }: { tenant: { id: string; name: string }; members: { id: string; name: string; email: string; role: string }[]; defaultUserId?: string }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const [userId, setUserId] = useState(defaultUserId ?? members.find((m) => m.role === "OWNER")?.id ?? members[0]?.id ?? "");
  const [reason, setReason] = useState("");
  const [minutes, setMinutes] = useState("30");
  const { formRef, errors, attempt, clear } = useFormErrors();
  const start = useToastMutation(trpc.admin.startImpersonation.mutationOptions(), { error: false });
  const target = members.find((m) => m.id === userId);

  async function submit(e: FormEvent) {
    e.preventDefault();
    // The cookie is set by the response: the portal opens as the user.
    if (await attempt(() => start.mutateAsync({ tenantId: tenant.id, userId, reason, minutes: Number(minutes) }))) window.location.assign("/");
  }

  return (
    <ActionDialog
      trigger={
        <Button size="sm" variant={defaultUserId ? "ghost" : "outline"} disabled={members.length === 0} aria-label={defaultUserId ? `Impersonate ${target?.email ?? ""}` : `Impersonate a user of ${tenant.name}`}>
          <VenetianMaskIcon aria-hidden="true" />
          {defaultUserId ? <span className="sr-only sm:not-sr-only">Impersonate</span> : "Impersonate"}
        </Button>
      }
      title={`Impersonate a user of ${tenant.name}`}
      description="You see the portal as they do, read-only until you switch to act. Secrets stay hidden. The tenant's owner sees this access and your reason in their audit log."
      open={open}
      setOpen={setOpen}
      onClosed={() => {
        setReason("");
        clear();
      }}
      formRef={formRef}
      onSubmit={submit}
      formError={errors?.form}
      submitLabel="Start read-only session"
      pendingLabel="Starting…"
      pending={start.isPending}
      blocked={reason.trim().length < 5 ? "Give a reason first" : !userId ? "Choose a user" : null}
    >
      <FormField label="User" required error={errors?.fields.userId}>
        {(control) => (
          <Select value={userId} onValueChange={setUserId}>
            <SelectTrigger {...control} className="w-full">
              <SelectValue placeholder="Choose a user" />
            </SelectTrigger>
            <SelectContent>
              {members.map((m) => (
                <SelectItem key={m.id} value={m.id}>
                  {m.name} · {m.email} · {m.role.toLowerCase()}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        )}
      </FormField>
      <FormField label="Reason" required error={errors?.fields.reason} description="A ticket number and a few words.">
        <Textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={3} maxLength={500} autoFocus />
      </FormField>
      <FormField label="For" error={errors?.fields.minutes}>
        {(control) => (
          <Select value={minutes} onValueChange={setMinutes}>
            <SelectTrigger {...control} className="w-full">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {DURATIONS.map((d) => (
                <SelectItem key={d} value={String(d)}>
                  {d} minutes
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        )}
      </FormField>
    </ActionDialog>
  );
}
