import { getCallRoute, updateCallRoute } from "@/server/api/v1/calls";

export const GET = getCallRoute.handle;
export const POST = updateCallRoute.handle;
