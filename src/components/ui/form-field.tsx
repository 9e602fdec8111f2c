"use client";

import * as React from "react";
import { Slot } from "radix-ui";

import { cn } from "@/lib/utils";
import { Label } from "@/components/ui/label";

/** Props FormField wires onto its control for labelling and error reporting. */
type FormFieldControlProps = {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
  "aria-required"?: true;
};

type FormFieldProps = Omit<React.ComponentProps<"div">, "children"> & {
  /** Visible label text (also the accessible name of the control). */
  label: React.ReactNode;
  /** Id of the control; generated when omitted. */
  htmlFor?: string;
  /** Helper text shown under the control. */
  description?: React.ReactNode;
  /** Validation error(s). Any truthy value marks the control aria-invalid. */
  error?: React.ReactNode;
  /** Marks the control aria-required and adds a visual indicator. */
  required?: boolean;
  /** Keep the label for screen readers only. */
  hideLabel?: boolean;
  /**
   * The control. Either a single element that renders the focusable element
   * (Input, Textarea, SelectTrigger, Checkbox, Switch…), which receives `id`,
   * `aria-describedby`, `aria-invalid` and `aria-required`, or a render
   * function receiving those props (useful for composite controls such as
   * `<Select>` where they belong on `<SelectTrigger>`).
   */
  children: React.ReactElement | ((controlProps: FormFieldControlProps) => React.ReactNode);
};

function hasError(error: React.ReactNode): boolean {
  if (Array.isArray(error)) return error.some(hasError);
  return error !== undefined && error !== null && error !== false && error !== "";
}

function FormField({
  label,
  htmlFor,
  description,
  error,
  required = false,
  hideLabel = false,
  className,
  children,
  ...props
}: FormFieldProps) {
  const generatedId = React.useId();
  const id = htmlFor ?? `field-${generatedId}`;
  const descriptionId = `${id}-description`;
  const errorId = `${id}-error`;
  const invalid = hasError(error);

  const describedBy =
    [description ? descriptionId : null, invalid ? errorId : null].filter(Boolean).join(" ") ||
    undefined;

  const controlProps: FormFieldControlProps = {
    id,
    ...(describedBy ? { "aria-describedby": describedBy } : {}),
    ...(invalid ? { "aria-invalid": true as const } : {}),
    ...(required ? { "aria-required": true as const } : {}),
  };

  return (
    <div
      data-slot="form-field"
      data-invalid={invalid || undefined}
      className={cn("grid gap-2", className)}
      {...props}
    >
      <Label
        htmlFor={id}
        data-error={invalid || undefined}
        className={cn("data-[error]:text-destructive", hideLabel && "sr-only")}
      >
        {label}
        {required && (
          <span aria-hidden="true" className="text-destructive">
            *
          </span>
        )}
      </Label>

      {typeof children === "function" ? (
        children(controlProps)
      ) : (
        <Slot.Root {...controlProps}>
          {children}
        </Slot.Root>
      )}

      {description && (
        <p
          id={descriptionId}
          data-slot="form-field-description"
          className="text-sm text-muted-foreground"
        >
          {description}
        </p>
      )}

      {invalid && (
        <p id={errorId} data-slot="form-field-error" className="text-sm text-destructive">
          {Array.isArray(error)
            ? error.filter(hasError).map((message, index) => (
                <span key={index} className="block">
                  {message}
                </span>
              ))
            : error}
        </p>
      )}
    </div>
  );
}

export { FormField, type FormFieldProps, type FormFieldControlProps };
