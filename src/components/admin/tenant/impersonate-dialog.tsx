"use client";

import { useState, type FormEvent } from "react";
import { VenetianMaskIcon } from "lucide-react";
import { FormErrorAlert } from "@/components/shared/form-error-alert";
import { useFormErrors } from "@/components/shared/use-form-errors";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
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
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) {
          setReason("");
          clear();
        }
      }}
    >
      <DialogTrigger asChild>
        <Button size="sm" variant={defaultUserId ? "ghost" : "outline"} disabled={members.length === 0} aria-label={defaultUserId ? `Impersonate ${target?.email ?? ""}` : `Impersonate a user of ${tenant.name}`}>
          <VenetianMaskIcon aria-hidden="true" />
          {defaultUserId ? <span className="sr-only sm:not-sr-only">Impersonate</span> : "Impersonate"}
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-md">
        <form ref={formRef} onSubmit={submit} className="flex flex-col gap-4">
          <DialogHeader>
            <DialogTitle>Impersonate a user of {tenant.name}</DialogTitle>
            <DialogDescription>You see the portal as they do, read-only until you switch to act. Secrets stay hidden. The tenant&apos;s owner sees this access and your reason in their audit log.</DialogDescription>
          </DialogHeader>
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
          <FormErrorAlert message={errors?.form} />
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={start.isPending || reason.trim().length < 5 || !userId} title={reason.trim().length < 5 ? "Give a reason first" : undefined}>
              {start.isPending ? "Starting…" : "Start read-only session"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
