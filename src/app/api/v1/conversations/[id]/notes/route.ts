import { addConversationNoteRoute } from "@/server/api/v1/conversations";
import { otherMethods } from "@/server/api/unrouted";

export const POST = addConversationNoteRoute.handle;

export const { GET, PUT, PATCH, DELETE } = otherMethods("api", ["POST"]);
