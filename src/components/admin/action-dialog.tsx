"use client";

import type { FormEvent, ReactNode } from "react";
import { FormErrorAlert } from "@/components/shared/form-error-alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";

/** A staff action (on a tenant, a plan) as a small form in a dialog: emptied when closed, its submit says why it is disabled. */
export function ActionDialog(props: {
  triggerLabel: string;
  triggerAria: string;
  title: string;
  description: string;
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
      <DialogTrigger asChild>
        <Button size="sm" variant="outline" aria-label={props.triggerAria}>
          {props.triggerLabel}
        </Button>
      </DialogTrigger>
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
