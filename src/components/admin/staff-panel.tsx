"use client";

import { useQuery } from "@tanstack/react-query";
import { UsersIcon } from "lucide-react";
import { useState, type FormEvent } from "react";
import { useStaffCan } from "@/components/admin/use-staff-role";
import { FormErrorAlert } from "@/components/shared/form-error-alert";
import { QueryStates } from "@/components/shared/query-states";
import { useFormErrors } from "@/components/shared/use-form-errors";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useTRPC } from "@/trpc/react";

type Role = "SUPPORT" | "OPERATOR" | "OWNER";
const ROLES: { value: Role; label: string; can: string }[] = [
  { value: "SUPPORT", label: "Support", can: "reads everything here" },
  { value: "OPERATOR", label: "Operator", can: "also suspends, sets limits and credit, assigns numbers" },
  { value: "OWNER", label: "Owner", can: "also runs feature flags and the staff" },
];
const label = (r: Role | null) => ROLES.find((x) => x.value === r)?.label ?? "—";
const described = (u: { email: string; staffRole: Role | null }) => (u.staffRole ? `${u.email} is ${label(u.staffRole).toLowerCase()}` : `${u.email} is no longer staff`);

function RoleSelect({ value, onChange, name, className }: { value: Role | undefined; onChange: (role: Role) => void; name: string; className: string }) {
  return (
    <Select value={value} onValueChange={(v) => onChange(v as Role)}>
      <SelectTrigger className={className} aria-label={name}>
        <SelectValue placeholder="No role" />
      </SelectTrigger>
      <SelectContent>
        {ROLES.map((r) => (
          <SelectItem key={r.value} value={r.value}>
            {r.label}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}

/** Who the platform's staff are, their roles and second factor; owners add, change and remove them. */
export function StaffPanel() {
  const trpc = useTRPC();
  const staff = useQuery(trpc.admin.staff.queryOptions());
  const isOwner = useStaffCan("OWNER");
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("SUPPORT");
  const { formRef, errors, attempt } = useFormErrors();
  const invalidate = [trpc.admin.staff.queryKey(), trpc.admin.me.queryKey()];
  // Adding shows its errors beside the form; a change in the table shows them as a toast.
  const set = useToastMutation(trpc.admin.setStaffRole.mutationOptions(), { success: described, invalidate, error: false });
  const change = useToastMutation(trpc.admin.setStaffRole.mutationOptions(), { success: described, invalidate });

  async function add(e: FormEvent) {
    e.preventDefault();
    if (await attempt(() => set.mutateAsync({ email, role }))) setEmail("");
  }

  return (
    <div className="flex flex-col gap-6">
      <ul className="grid gap-1 text-sm text-muted-foreground">
        {ROLES.map((r) => (
          <li key={r.value}>
            <span className="font-medium text-foreground">{r.label}</span> {r.can}.
          </li>
        ))}
      </ul>
      {isOwner && (
        <form ref={formRef} onSubmit={add} className="flex flex-wrap items-end gap-3" aria-label="Add staff">
          <FormField label="Email of an existing user" error={errors?.fields.email} className="w-72">
            <Input type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
          </FormField>
          <FormField label="Role">
            <RoleSelect value={role} onChange={setRole} name="Role" className="w-40" />
          </FormField>
          <Button type="submit" disabled={set.isPending || email.trim() === ""} title={email.trim() === "" ? "Enter an email first" : undefined}>
            Add to staff
          </Button>
          <FormErrorAlert message={errors?.form} />
        </form>
      )}
      <QueryStates query={staff} what="staff" isEmpty={(rows) => rows.length === 0} empty={<EmptyState icon={<UsersIcon />} title="No staff" description="Nobody can use this console." />}>
        {(rows) => (
          <div className="rounded-md border">
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>Staff member</TableHead>
                  <TableHead>Role</TableHead>
                  <TableHead>Two-factor</TableHead>
                  <TableHead>
                    <span className="sr-only">Actions</span>
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.map((u) => (
                  <TableRow key={u.id}>
                    <TableCell>
                      <div className="font-medium">{u.name}</div>
                      <div className="text-xs text-muted-foreground">{u.email}</div>
                    </TableCell>
                    <TableCell>
                      {isOwner ? (
                        <RoleSelect value={u.staffRole ?? undefined} onChange={(r) => change.mutate({ email: u.email, role: r })} name={`Role of ${u.email}`} className="w-36" />
                      ) : (
                        label(u.staffRole)
                      )}
                    </TableCell>
                    <TableCell>
                      <Badge variant={u.twoFactor ? "secondary" : "outline"}>{u.twoFactor ? "On" : "Not set up"}</Badge>
                    </TableCell>
                    <TableCell className="text-right">
                      {isOwner && (
                        <Button size="sm" variant="ghost" onClick={() => change.mutate({ email: u.email, role: null })} aria-label={`Remove ${u.email} from staff`}>
                          Remove
                        </Button>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </QueryStates>
    </div>
  );
}
