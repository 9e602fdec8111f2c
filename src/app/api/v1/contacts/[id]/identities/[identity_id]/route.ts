import { removeContactIdentityRoute } from "@/server/api/v1/contacts";
import { otherMethods } from "@/server/api/unrouted";

export const DELETE = removeContactIdentityRoute.handle;

export const { GET, POST, PUT, PATCH } = otherMethods("api", ["DELETE"]);
