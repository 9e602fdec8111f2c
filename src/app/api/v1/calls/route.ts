import { createCallRoute, listCallsRoute } from "@/server/api/v1/calls";

export const GET = listCallsRoute.handle;
export const POST = createCallRoute.handle;
