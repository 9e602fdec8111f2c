// Server-sent events as a browser's tRPC subscription reads them: a GET with the session cookie, each event (a block
// ended by a blank line) handed over with the time it was read. The benchmarks' dashboards and inboxes.

/** Opens the stream; false when the app refused it. Reading goes on in the background until `signal` aborts. */
export async function readSse(url: string, cookie: string, signal: AbortSignal, onEvent: (block: string, at: number) => void): Promise<boolean> {
  const res = await fetch(url, { headers: { cookie, accept: "text/event-stream" }, signal });
  if (!res.ok || !res.body) return false;
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        const at = performance.now();
        buffer += value;
        let end;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          onEvent(buffer.slice(0, end), at);
          buffer = buffer.slice(end + 2);
        }
      }
    } catch {
      // aborted at the end of the run
    }
  })();
  return true;
}
