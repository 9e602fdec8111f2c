import { listRecordingsRoute } from "@/server/api/v1/recordings";

export const GET = listRecordingsRoute.handle;
