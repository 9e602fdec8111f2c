import type { Metadata } from "next";
import { Suspense } from "react";
import { CreateTenantDialog } from "@/components/admin/create-tenant-dialog";
import { TenantsTable } from "@/components/admin/tenants-table";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Tenants · Admin" };

export default function AdminTenantsPage() {
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Tenants" description="Every workspace on this installation." className="pb-0" actions={<CreateTenantDialog />} />
      {/* The list's search, filters, sort and page live in the address (useSearchParams), which needs a Suspense boundary. */}
      <Suspense>
        <TenantsTable />
      </Suspense>
    </div>
  );
}
