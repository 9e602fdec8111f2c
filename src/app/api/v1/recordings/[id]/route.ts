import { deleteRecordingRoute, getRecordingRoute } from "@/server/api/v1/recordings";

export const GET = getRecordingRoute.handle;
export const DELETE = deleteRecordingRoute.handle;
