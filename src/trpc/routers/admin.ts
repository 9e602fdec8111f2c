import { z } from "zod";
import { findTenants } from "@/server/admin/find-tenants";
import { createTRPCRouter, staffProcedure } from "@/trpc/init";

export const adminRouter = createTRPCRouter({
  tenants: staffProcedure.input(z.object({ limit: z.number().int().min(1).max(500).default(200) }).optional()).query(({ input }) => findTenants({ limit: input?.limit })),
});
