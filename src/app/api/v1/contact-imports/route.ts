import { createContactImportRoute } from "@/server/api/v1/contacts";
import { otherMethods } from "@/server/api/unrouted";

export const POST = createContactImportRoute.handle;

export const { GET, PUT, PATCH, DELETE } = otherMethods("api", ["POST"]);
