import { getAccountRoute } from "@/server/api/v1/account";

export const GET = getAccountRoute.handle;
