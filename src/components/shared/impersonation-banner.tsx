"use client";

import { useEffect, useState, type FormEvent } from "react";
import { EyeIcon, PencilIcon } from "lucide-react";
import { ActionDialog } from "@/components/shared/action-dialog";
import { useFormErrors } from "@/components/shared/use-form-errors";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Textarea } from "@/components/ui/textarea";
import { useTRPC } from "@/trpc/react";

export interface ImpersonationBannerProps {
  tenantId: string;
  tenantName: string;
  staffName: string;
  targetName: string;
  targetEmail: string;
  /** ISO time the impersonation ends by itself. */
  expiresAt: string;
  acting: boolean;
}

function useMinutesLeft(expiresAt: string): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);
  return Math.max(0, Math.ceil((new Date(expiresAt).getTime() - now) / 60_000));
}

function SwitchToActDialog() {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const { formRef, errors, attempt, clear } = useFormErrors();
  const enable = useToastMutation(trpc.impersonation.enableActing.mutationOptions(), { success: "You can now make changes as this user. Every change is audited.", error: false });
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (await attempt(() => enable.mutateAsync({ reason }))) {
      setOpen(false);
      window.location.reload();
    }
  }
  return (
    <ActionDialog
      trigger={
        <Button size="sm" variant="outline" className="h-7 border-warning-foreground/30 bg-transparent">
          Switch to act
        </Button>
      }
      title="Make changes as this user?"
      description="Until now you could only look. Say why you need to act; it goes to the tenant's audit log. Secrets stay hidden either way."
      open={open}
      setOpen={setOpen}
      onClosed={() => {
        setReason("");
        clear();
      }}
      formRef={formRef}
      onSubmit={submit}
      formError={errors?.form}
      submitLabel="Switch to act"
      pendingLabel="Switching…"
      pending={enable.isPending}
      blocked={reason.trim().length < 5 ? "Give a reason first" : null}
    >
      <FormField label="Reason" required error={errors?.fields.reason}>
        <Textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={3} maxLength={500} autoFocus />
      </FormField>
    </ActionDialog>
  );
}

/**
 * On every page while a staff member impersonates a user: who is impersonating whom, read-only or acting, the
 * minutes left, and the way out. When the time is up the page goes back to the tenant in /admin.
 */
export function ImpersonationBanner(props: ImpersonationBannerProps) {
  const trpc = useTRPC();
  const minutesLeft = useMinutesLeft(props.expiresAt);
  const backToAdmin = `/admin/tenants/${props.tenantId}`;
  const end = useToastMutation(trpc.impersonation.end.mutationOptions({ onSuccess: () => window.location.assign(backToAdmin) }));
  useEffect(() => {
    if (minutesLeft === 0) window.location.assign(backToAdmin);
  }, [minutesLeft, backToAdmin]);
  const Mode = props.acting ? PencilIcon : EyeIcon;
  return (
    <div role="status" aria-label="Impersonation" className="flex flex-wrap items-center justify-center gap-x-3 gap-y-1 border-b border-warning/50 bg-warning/20 px-4 py-1.5 text-sm text-warning-foreground dark:text-warning">
      <Mode aria-hidden="true" className="size-4 shrink-0" />
      <span>
        <strong>{props.staffName}</strong> (staff) is viewing <strong>{props.tenantName}</strong> as <strong>{props.targetName}</strong> <span className="hidden sm:inline">({props.targetEmail})</span>
      </span>
      <span className="rounded-sm bg-background/60 px-1.5 text-xs font-semibold uppercase tracking-wide text-foreground">{props.acting ? "acting" : "read-only"}</span>
      <span className="tabular-nums">{minutesLeft} min left</span>
      {!props.acting && <SwitchToActDialog />}
      <Button size="sm" className="h-7" onClick={() => end.mutate()} disabled={end.isPending}>
        {end.isPending ? "Ending…" : "End impersonation"}
      </Button>
    </div>
  );
}
