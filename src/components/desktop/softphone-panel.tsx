"use client";

import { PhoneOffIcon } from "lucide-react";
import { useState } from "react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { cn } from "@/lib/utils";

const PRESENCE = [
  { value: "available", label: "Available", dot: "bg-success" },
  { value: "break", label: "On break", dot: "bg-warning" },
  { value: "offline", label: "Offline", dot: "bg-muted-foreground" },
] as const;

type Presence = (typeof PRESENCE)[number]["value"];

/**
 * The softphone's place on the desktop. Presence is chosen here; routing calls to it and the SIP
 * registration come with the telephony work, so the panel says plainly that no line is connected.
 */
export function SoftphonePanel() {
  const [presence, setPresence] = useState<Presence>("offline");
  return (
    <Card className="h-full">
      <CardHeader>
        <CardTitle>Softphone</CardTitle>
        <CardDescription>Your status and your line.</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-6">
        <div className="grid gap-2">
          <Label htmlFor="presence">Status</Label>
          <Select value={presence} onValueChange={(v) => setPresence(v as Presence)}>
            <SelectTrigger id="presence" className="w-full">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {PRESENCE.map((p) => (
                <SelectItem key={p.value} value={p.value}>
                  <span aria-hidden="true" className={cn("size-2 rounded-full", p.dot)} />
                  {p.label}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
        <EmptyState
          icon={<PhoneOffIcon />}
          title="No line connected"
          description="Calls appear here once your workspace has a phone number and this browser is registered to it."
          className="py-8"
        />
      </CardContent>
    </Card>
  );
}
