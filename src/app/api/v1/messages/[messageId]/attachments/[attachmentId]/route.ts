import { getMessageAttachmentRoute } from "@/server/api/v1/messages";
import { otherMethods } from "@/server/api/unrouted";

export const dynamic = "force-dynamic";
export const GET = getMessageAttachmentRoute.handle;

// Any other method: a JSON 405 naming these.
export const { POST, PUT, PATCH, DELETE } = otherMethods("api", ["GET"]);
