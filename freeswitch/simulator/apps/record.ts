// record <path> [limit seconds]: records until the limit, hangup or break; writes the WAV (recording.ts).
import { startRecording, stopRecording } from "../recording.ts";
import type { SimApp } from "./context.ts";

export const record: SimApp = async ({ sw, ch, arg, wait }) => {
  const [file = `${sw.recordingsDir}/${ch.uuid}.wav`, limit] = arg.split(" ");
  startRecording(sw, ch, file);
  await wait(Number(limit) || 3600);
  stopRecording(sw, ch, file, "success-maxtime");
  return undefined;
};
