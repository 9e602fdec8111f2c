import { getRecordingMediaRoute } from "@/server/api/v1/recordings";

export const dynamic = "force-dynamic";
export const GET = getRecordingMediaRoute.handle;
