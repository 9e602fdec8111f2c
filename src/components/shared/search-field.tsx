"use client";

import { SearchIcon } from "lucide-react";
import type { ComponentProps } from "react";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { cn } from "@/lib/utils";

/** A filter bar's labelled search box with the magnifier inside it. */
export function SearchField({ id, label, className, inputClassName, ...input }: { id: string; label: string; inputClassName?: string } & Omit<ComponentProps<typeof Input>, "id" | "type">) {
  return (
    <div className={cn("grid gap-1.5", className)}>
      <Label htmlFor={id} className="text-xs text-muted-foreground">
        {label}
      </Label>
      <div className="relative">
        <SearchIcon aria-hidden="true" className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" />
        <Input id={id} type="search" className={cn("w-full pl-8", inputClassName)} {...input} />
      </div>
    </div>
  );
}
