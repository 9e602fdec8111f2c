// Graceful shutdown for long-running processes (the app server, later the worker): hooks registered with
// `onShutdown` run once, in registration order, on SIGTERM/SIGINT, bounded by a deadline after which the
// process exits anyway, so a stuck hook never keeps an orchestrator waiting for its SIGKILL.
import { logger } from "@/server/logger";
import { processState } from "@/server/shared/process-state";

export type ShutdownHook = () => Promise<void> | void;

interface ShutdownState {
  hooks: { name: string; run: ShutdownHook }[];
  running?: Promise<void>;
}

const state: ShutdownState = processState("shutdown", () => ({ hooks: [] }));

export function onShutdown(name: string, run: ShutdownHook): void {
  state.hooks.push({ name, run });
}

/** Runs every hook once (later calls return the same promise). A failing hook is logged, the rest still run. */
export function runShutdownHooks(opts: { deadlineMs: number; log?: Pick<typeof logger, "info" | "error"> }): Promise<void> {
  const log = opts.log ?? logger;
  state.running ??= (async () => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        log.error({ deadlineMs: opts.deadlineMs }, "shutdown: deadline reached, giving up on remaining hooks");
        resolve();
      }, opts.deadlineMs);
      timer.unref?.();
    });
    const all = (async () => {
      for (const hook of state.hooks) {
        const started = Date.now();
        try {
          await hook.run();
          log.info({ hook: hook.name, ms: Date.now() - started }, "shutdown: hook done");
        } catch (err) {
          log.error({ hook: hook.name, err }, "shutdown: hook failed");
        }
      }
    })();
    await Promise.race([all, deadline]);
    clearTimeout(timer);
  })();
  return state.running;
}

/** For tests: forget hooks and the finished run. */
export function resetShutdownForTests(): void {
  state.hooks = [];
  state.running = undefined;
}
