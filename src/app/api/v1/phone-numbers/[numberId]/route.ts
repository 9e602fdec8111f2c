import { getPhoneNumberRoute, releasePhoneNumberRoute, updatePhoneNumberRoute } from "@/server/api/v1/phone-numbers";

export const GET = getPhoneNumberRoute.handle;
export const POST = updatePhoneNumberRoute.handle;
export const DELETE = releasePhoneNumberRoute.handle;
