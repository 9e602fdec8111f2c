"use client";

import { UserPlusIcon } from "lucide-react";
import { useState, type FormEvent } from "react";
import { FormErrorAlert } from "@/components/shared/form-error-alert";
import { conflictOnField, useFormErrors } from "@/components/shared/use-form-errors";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { ROLE_DESCRIPTIONS, ROLES, type Role } from "@/components/portal/role-labels";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { titleCase } from "@/lib/format";
import { useTRPC } from "@/trpc/react";

export function InviteDialog({ canInviteOwners }: { canInviteOwners: boolean }) {
  const trpc = useTRPC();
  const { formRef, errors, clear, attempt } = useFormErrors();
  const [open, setOpen] = useState(false);
  const [role, setRole] = useState<Role>("AGENT");
  // The invitation list, the checklist's "invite a teammate" step and the dashboard's pending count all change.
  const invite = useToastMutation(trpc.team.invite.mutationOptions(), {
    success: (_, { email }) => `Invitation sent to ${email}`,
    invalidate: [trpc.team.invitations.queryKey(), trpc.tenant.onboardingChecklist.queryKey(), trpc.tenant.current.queryKey()],
    error: false,
  });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get("email") ?? "");
    if (!(await attempt(() => invite.mutateAsync({ email, role }), conflictOnField("email")))) return;
    setOpen(false);
    setRole("AGENT");
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) clear();
      }}
    >
      <DialogTrigger asChild>
        <Button>
          <UserPlusIcon />
          Invite teammate
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-md">
        <DialogHeader>
          <DialogTitle>Invite a teammate</DialogTitle>
          <DialogDescription>They get an email with a link to join. The link works for 7 days.</DialogDescription>
        </DialogHeader>
        <form ref={formRef} onSubmit={onSubmit} className="grid gap-4" noValidate>
          <FormErrorAlert message={errors?.form} />
          <FormField label="Email" error={errors?.fields.email}>
            <Input name="email" type="email" autoComplete="off" placeholder="name@company.com" required autoFocus />
          </FormField>
          <FormField label="Role" error={errors?.fields.role} description={ROLE_DESCRIPTIONS[role]}>
            {(controlProps) => (
              <Select value={role} onValueChange={(v) => setRole(v as Role)}>
                <SelectTrigger {...controlProps} className="w-full">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {ROLES.filter((r) => canInviteOwners || r !== "OWNER").map((r) => (
                    <SelectItem key={r} value={r}>
                      {titleCase(r)}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            )}
          </FormField>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={invite.isPending}>
              {invite.isPending ? "Sending…" : "Send invitation"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
