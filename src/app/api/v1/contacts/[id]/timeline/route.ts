import { listContactTimelineRoute } from "@/server/api/v1/contacts";
import { otherMethods } from "@/server/api/unrouted";

export const GET = listContactTimelineRoute.handle;

export const { POST, PUT, PATCH, DELETE } = otherMethods("api", ["GET"]);
