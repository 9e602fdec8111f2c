import { listCallEventsRoute } from "@/server/api/v1/calls";

export const GET = listCallEventsRoute.handle;
