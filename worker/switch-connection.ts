// SwitchConnection over EslClient (worker/esl/client.ts): the one event-socket connection of a worker.
import type { Logger } from "@/server/logger";
import { EslClient, type EslClientOptions } from "./esl/client";
import type { SwitchConnection, SwitchEventListener, SwitchLinkState } from "./switch-port";

export interface ConnectSwitchOptions {
  host: string;
  port: number;
  password: string;
  log: Logger;
  /** Passed through to EslClient (timeouts, backoff, watchdog). */
  client?: Partial<EslClientOptions>;
}

export function connectSwitch(opts: ConnectSwitchOptions): SwitchConnection & { client: EslClient } {
  const client = new EslClient({ host: opts.host, port: opts.port, password: opts.password, logger: opts.log.child({ component: "esl" }), ...opts.client });
  // After destroy() nothing more reaches the worker, as if the process had died.
  let dead = false;
  return {
    client,
    get linkState() {
      return client.linkState;
    },
    api: (command, o) => client.api(command, o),
    bgapi: (command, o) => client.bgapi(command, o),
    sendmsg: (uuid, app, arg, eventUuid) => client.sendmsg(uuid, { app, arg, eventLock: true, eventUuid }),
    callCommand: async (uuid, headers) => (await client.command(`sendmsg ${uuid}`, headers)).get("Reply-Text") ?? "",
    onEvent(listener: SwitchEventListener) {
      client.on("event", (event) => {
        if (!dead) listener(event);
      });
    },
    onLink(listener: (state: SwitchLinkState) => void) {
      client.on("link", (state) => {
        if (!dead) listener(state);
      });
    },
    start: () => client.start(),
    close: () => client.close(),
    destroy() {
      dead = true;
      void client.close(0);
    },
  };
}
