// A tenant's Media Streams server for tests (Twilio's WebSocket messages): each connection's messages kept by its
// path, and what the test does when a stream starts on a path.
import { WebSocketServer, type WebSocket } from "ws";

export type StreamMessage = {
  event: string;
  streamSid?: string;
  sequenceNumber?: string;
  media?: { track: string; chunk: string; timestamp: string; payload: string };
  mark?: { name: string };
  dtmf?: { digit: string; track: string };
  start?: Record<string, unknown>;
  stop?: Record<string, unknown>;
};

export interface MediaStreamServer {
  /** ws://127.0.0.1:<port> */
  url: string;
  /** What each connection received, by its path. */
  received: Map<string, StreamMessage[]>;
  /** Run when a `start` message arrives on a path. */
  onStart: Map<string, (ws: WebSocket, messages: StreamMessage[]) => void>;
  close(): Promise<void>;
}

export async function startMediaStreamServer(): Promise<MediaStreamServer> {
  const wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await new Promise((resolve) => wss.once("listening", resolve));
  const received = new Map<string, StreamMessage[]>();
  const onStart = new Map<string, (ws: WebSocket, messages: StreamMessage[]) => void>();
  wss.on("connection", (ws, req) => {
    const key = req.url ?? "/";
    const messages: StreamMessage[] = [];
    received.set(key, messages);
    ws.on("message", (data) => {
      const message = JSON.parse(String(data)) as StreamMessage;
      messages.push(message);
      if (message.event === "start") onStart.get(key)?.(ws, messages);
    });
  });
  return {
    url: `ws://127.0.0.1:${(wss.address() as { port: number }).port}`,
    received,
    onStart,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise((resolve) => wss.close(resolve));
    },
  };
}
