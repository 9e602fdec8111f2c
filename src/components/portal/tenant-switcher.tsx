"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { BuildingIcon, CheckIcon, ChevronsUpDownIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { formErrorsFrom } from "@/lib/trpc-error";
import { titleCase } from "@/lib/format";
import { useTRPC } from "@/trpc/react";

export interface TenantChoice {
  tenantId: string;
  name: string;
  status: string;
  role: string;
}

export function TenantSwitcher({ tenants, currentId }: { tenants: TenantChoice[]; currentId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const current = tenants.find((t) => t.tenantId === currentId);
  const switchTenant = useMutation(
    trpc.tenant.switch.mutationOptions({
      onSuccess: async (tenant) => {
        // Every cached query belonged to the previous tenant.
        queryClient.clear();
        router.refresh();
        toast.success(`Switched to ${tenant.name}`);
      },
      onError: (e) => toast.error(formErrorsFrom(e).form ?? "Could not switch workspace"),
    }),
  );

  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="outline" size="sm" className="max-w-44 gap-2 sm:max-w-60" disabled={switchTenant.isPending}>
          <BuildingIcon className="text-muted-foreground" />
          <span className="truncate">{current?.name ?? "Workspace"}</span>
          <ChevronsUpDownIcon className="ml-auto text-muted-foreground" />
          <span className="sr-only">Switch workspace</span>
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-64">
        <DropdownMenuLabel className="text-xs font-normal text-muted-foreground">Workspaces</DropdownMenuLabel>
        <DropdownMenuSeparator />
        {tenants.map((t) => {
          const suspended = t.status === "SUSPENDED";
          return (
            <DropdownMenuItem
              key={t.tenantId}
              disabled={suspended || t.tenantId === currentId}
              onSelect={() => switchTenant.mutate({ tenantId: t.tenantId })}
              className="flex items-center gap-2"
            >
              <div className="min-w-0 flex-1">
                <div className="truncate">{t.name}</div>
                <div className="text-xs text-muted-foreground">{suspended ? "Suspended" : titleCase(t.role)}</div>
              </div>
              {t.tenantId === currentId && <CheckIcon className="text-primary" aria-label="current" />}
            </DropdownMenuItem>
          );
        })}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
