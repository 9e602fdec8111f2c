// Any Twilio-compatible path no resource serves: Twilio's JSON 404 (code 20404), not the site's HTML page.
import { unknownPath } from "@/server/api/unrouted";

export const { GET, POST, PUT, PATCH, DELETE } = unknownPath("twilio");
