import { z } from "zod";
import { getAccount } from "@/server/account/get-account";
import { defineRoute } from "@/server/api/define-route";

export const ZAccountResource = z
  .object({
    id: z.string().meta({ example: "tn_01jf3z8k2v9x4q7w5e6r8t0y1u" }),
    name: z.string().meta({ example: "Acme Support" }),
    status: z.enum(["active", "suspended"]),
    credit_balance_micros: z.number().int().meta({
      description: "Prepaid balance as an integer in micro-units of `currency` (1,000,000 = one unit; exact up to 9 billion units)",
      example: 10000000,
    }),
    currency: z.string().length(3).meta({ example: "USD" }),
    created_at: z.iso.datetime().meta({ example: "2026-01-15T09:30:00.000Z" }),
  })
  .meta({ id: "Account" });

export const getAccountRoute = defineRoute(
  {
    method: "GET",
    path: "/api/v1/account",
    operationId: "getAccount",
    tag: "Account",
    summary: "Retrieve the account",
    description: "The account (tenant) the API key belongs to, with its prepaid credit balance.",
    scope: "account:read",
    response: ZAccountResource,
  },
  async ({ actor }) => {
    const account = await getAccount(actor);
    return {
      id: account.id,
      name: account.name,
      status: account.status === "ACTIVE" ? ("active" as const) : ("suspended" as const),
      credit_balance_micros: Number(account.creditMicros),
      currency: account.currency,
      created_at: account.createdAt.toISOString(),
    };
  },
);
