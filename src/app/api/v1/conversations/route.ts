import { listConversationsRoute } from "@/server/api/v1/conversations";
import { otherMethods } from "@/server/api/unrouted";

export const GET = listConversationsRoute.handle;

export const { POST, PUT, PATCH, DELETE } = otherMethods("api", ["GET"]);
