"use client";

import { LogOutIcon, MonitorSmartphoneIcon, ShieldIcon } from "lucide-react";
import Link from "next/link";
import { signOut } from "next-auth/react";
import { Avatar, AvatarFallback } from "@/components/ui/avatar";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { initials } from "@/lib/format";

export function UserMenu({ name, email, isPlatformStaff, showDesktopLink = true }: { name: string; email: string; isPlatformStaff: boolean; showDesktopLink?: boolean }) {
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="icon" className="rounded-full">
          <Avatar className="size-8">
            <AvatarFallback className="text-xs">{initials(name)}</AvatarFallback>
          </Avatar>
          <span className="sr-only">Account menu for {name}</span>
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-60">
        <DropdownMenuLabel className="font-normal">
          <div className="truncate text-sm font-medium">{name}</div>
          <div className="truncate text-xs text-muted-foreground">{email}</div>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        {showDesktopLink && (
          <DropdownMenuItem asChild>
            <Link href="/desktop">
              <MonitorSmartphoneIcon />
              Agent desktop
            </Link>
          </DropdownMenuItem>
        )}
        {isPlatformStaff && (
          <DropdownMenuItem asChild>
            <Link href="/admin">
              <ShieldIcon />
              Platform admin
            </Link>
          </DropdownMenuItem>
        )}
        {(showDesktopLink || isPlatformStaff) && <DropdownMenuSeparator />}
        <DropdownMenuItem onSelect={() => void signOut({ callbackUrl: "/sign-in" })}>
          <LogOutIcon />
          Sign out
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
