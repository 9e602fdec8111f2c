// A Node stream as a web Response body (the App Router speaks web streams), for media routes.
import { Readable } from "node:stream";

export function streamResponse(media: { status: number; headers: Record<string, string>; body: Readable | null }): Response {
  const body = media.body ? (Readable.toWeb(media.body) as ReadableStream<Uint8Array>) : null;
  return new Response(body, { status: media.status, headers: media.headers });
}
