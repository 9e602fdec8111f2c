// `npm run messages:sender`: the message sender (src/server/messages/run-message-sender.ts) in a process of its own,
// for installations that run the app with MESSAGE_SENDER=separate: passes back to back while messages are due, a
// pass every 100 ms otherwise, and the status callbacks it queues. Several may run; the sender's advisory lock lets
// one send at a time. SIGTERM stops it between requests.
import os from "node:os";
import { env } from "@/env";
import { logger } from "@/server/logger";
import { startCallbackSender } from "@/server/calls/callbacks/send-due-callbacks";
import { runMessageSender } from "@/server/messages/run-message-sender";

const IDLE_MS = 100;
// Sending is throughput work, accepting a message is latency work: on a machine the sender shares with the app, the
// app's requests go first (nice 10; MESSAGE_SENDER_NICE=0 keeps the default priority). The sender catches up on what the
// app leaves; the queue in PostgreSQL holds the difference.
if (env.MESSAGE_SENDER_NICE) {
  try {
    os.setPriority(env.MESSAGE_SENDER_NICE);
  } catch (err) {
    logger.warn({ err, nice: env.MESSAGE_SENDER_NICE }, "could not lower the message sender's priority");
  }
}
const stopping = new AbortController();
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => stopping.abort());

// The status callbacks the sender queues, beside it (the worker's sender sends them too; claims keep each once).
const callbacks = startCallbackSender({ signal: stopping.signal, idleMs: 250, limit: 50 });

let lastError: string | null = null;
while (!stopping.signal.aborted) {
  try {
    const pass = await runMessageSender({ deadlineMs: 20_000, signal: stopping.signal });
    lastError = null;
    if (pass.sent + pass.failed + pass.retried === 0) await new Promise((r) => setTimeout(r, IDLE_MS));
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (message !== lastError) logger.warn({ err }, "message sender pass failed; the next one retries");
    lastError = message;
    await new Promise((r) => setTimeout(r, 1_000));
  }
}
await callbacks.stopped;
process.exit(0);
