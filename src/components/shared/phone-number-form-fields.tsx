"use client";

import type { ReactNode } from "react";
import { FormErrorAlert } from "@/components/shared/form-error-alert";
import { Button } from "@/components/ui/button";
import { DialogFooter } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import type { FormErrors } from "@/lib/trpc-error";

/**
 * A number and its name, then the form's error and Cancel / submit: the body of a dialog that takes one phone
 * number (staff assigning it, a member verifying it as caller ID). The submit button says why it is disabled.
 */
export function PhoneNumberFormFields(props: {
  phoneNumber: string;
  onPhoneNumber: (value: string) => void;
  friendlyName: string;
  onFriendlyName: (value: string) => void;
  errors: FormErrors | null;
  pending: boolean;
  submitLabel: ReactNode;
  pendingLabel: ReactNode;
  onCancel: () => void;
}) {
  const empty = props.phoneNumber.trim() === "";
  return (
    <>
      <FormField label="Phone number" required error={props.errors?.fields.phoneNumber} description="International form with country code, e.g. +14155550123.">
        <Input value={props.phoneNumber} onChange={(e) => props.onPhoneNumber(e.target.value)} type="tel" inputMode="tel" placeholder="+14155550123" autoComplete="off" autoFocus />
      </FormField>
      <FormField label="Name" error={props.errors?.fields.friendlyName} description="Optional, e.g. Head office.">
        <Input value={props.friendlyName} onChange={(e) => props.onFriendlyName(e.target.value)} maxLength={64} />
      </FormField>
      <FormErrorAlert message={props.errors?.form} />
      <DialogFooter className="items-center">
        {empty && <span className="mr-auto text-xs text-muted-foreground">Enter the number first</span>}
        <Button type="button" variant="outline" onClick={props.onCancel}>
          Cancel
        </Button>
        <Button type="submit" disabled={props.pending || empty}>
          {props.pending ? props.pendingLabel : props.submitLabel}
        </Button>
      </DialogFooter>
    </>
  );
}
