import { createMessageRoute, listMessagesRoute } from "@/server/api/v1/messages";
import { otherMethods } from "@/server/api/unrouted";

export const GET = listMessagesRoute.handle;
export const POST = createMessageRoute.handle;

// Any other method: a JSON 405 naming these.
export const { PUT, PATCH, DELETE } = otherMethods("api", ["GET", "POST"]);
