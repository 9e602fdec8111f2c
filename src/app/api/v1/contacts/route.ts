import { createContactRoute, listContactsRoute } from "@/server/api/v1/contacts";
import { otherMethods } from "@/server/api/unrouted";

export const GET = listContactsRoute.handle;
export const POST = createContactRoute.handle;

export const { PUT, PATCH, DELETE } = otherMethods("api", ["GET", "POST"]);
