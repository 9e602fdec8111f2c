import { getContactImportRoute } from "@/server/api/v1/contacts";
import { otherMethods } from "@/server/api/unrouted";

export const GET = getContactImportRoute.handle;

export const { POST, PUT, PATCH, DELETE } = otherMethods("api", ["GET"]);
