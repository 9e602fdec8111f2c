import { deleteContactRoute, getContactRoute, updateContactRoute } from "@/server/api/v1/contacts";
import { otherMethods } from "@/server/api/unrouted";

export const GET = getContactRoute.handle;
export const PATCH = updateContactRoute.handle;
export const DELETE = deleteContactRoute.handle;

export const { POST, PUT } = otherMethods("api", ["GET", "PATCH", "DELETE"]);
