"use client";

import type { FormEvent, ReactNode } from "react";
import { FormErrorAlert } from "@/components/shared/form-error-alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";

/**
 * An action as a small form in a dialog (staff acting on a tenant or a plan, impersonation and its switch to act):
 * emptied when closed (`onClosed`), its submit disabled with the reason shown (`blocked`). `trigger` is the button
 * that opens it, or a label for the usual small outline button.
 */
export function ActionDialog(props: {
  trigger: ReactNode;
  title: string;
  description: ReactNode;
  open: boolean;
  setOpen: (open: boolean) => void;
  onClosed: () => void;
  formRef: React.RefObject<HTMLFormElement | null>;
  onSubmit: (e: FormEvent) => void;
  formError: string | null | undefined;
  submitLabel: string;
  pendingLabel: string;
  pending: boolean;
  blocked: string | null;
  destructive?: boolean;
  children: ReactNode;
}) {
  return (
    <Dialog
      open={props.open}
      onOpenChange={(next) => {
        props.setOpen(next);
        if (!next) props.onClosed();
      }}
    >
      <DialogTrigger asChild>{props.trigger}</DialogTrigger>
      <DialogContent className="sm:max-w-md">
        <form ref={props.formRef} onSubmit={props.onSubmit} className="flex flex-col gap-4">
          <DialogHeader>
            <DialogTitle>{props.title}</DialogTitle>
            <DialogDescription>{props.description}</DialogDescription>
          </DialogHeader>
          {props.children}
          <FormErrorAlert message={props.formError} />
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => props.setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" variant={props.destructive ? "destructive" : "default"} disabled={props.pending || props.blocked !== null} title={props.blocked ?? undefined}>
              {props.pending ? props.pendingLabel : props.submitLabel}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
