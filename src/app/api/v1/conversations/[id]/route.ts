import { getConversationRoute, updateConversationRoute } from "@/server/api/v1/conversations";
import { otherMethods } from "@/server/api/unrouted";

export const GET = getConversationRoute.handle;
export const PATCH = updateConversationRoute.handle;

export const { POST, PUT, DELETE } = otherMethods("api", ["GET", "PATCH"]);
