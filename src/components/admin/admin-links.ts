// Where the console links to. The tenant page is /admin/tenants/<id> (issue 13's tenant detail); change it here only.
export const adminTenantHref = (tenantId: string) => `/admin/tenants/${encodeURIComponent(tenantId)}`;
