import { listConversationMessagesRoute, replyToConversationRoute } from "@/server/api/v1/conversations";
import { otherMethods } from "@/server/api/unrouted";

export const GET = listConversationMessagesRoute.handle;
export const POST = replyToConversationRoute.handle;

export const { PUT, PATCH, DELETE } = otherMethods("api", ["GET", "POST"]);
