// The part of modesl 1.2.1 that EslClient builds on (the package ships no types). Only the inbound
// constructor and the members client.ts touches are declared; see client.ts for why the rest is not used.
declare module "modesl" {
  import type { Socket } from "node:net";

  export class Connection {
    /** Inbound mode: opens a TCP connection to host:port at once; `_onConnect` runs when it is established. */
    constructor(host: string, port: number, password: string);
    socket: Socket | null;
    connecting: boolean;
    authed: boolean;
    password: string;
    send(command: string, args?: Record<string, string>): void;
    on(event: string, listener: (...args: unknown[]) => void): this;
    emit(event: string, ...args: unknown[]): boolean;
    removeAllListeners(event?: string): this;
    protected _onConnect(): void;
  }

  const esl: { Connection: typeof Connection };
  export default esl;
}
