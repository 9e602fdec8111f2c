import { undoContactMergeRoute } from "@/server/api/v1/contacts";
import { otherMethods } from "@/server/api/unrouted";

export const POST = undoContactMergeRoute.handle;

export const { GET, PUT, PATCH, DELETE } = otherMethods("api", ["POST"]);
