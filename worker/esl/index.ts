// The worker's event-socket layer: wire.ts (framing, events, FreeSWITCH-exact serializers) and client.ts
// (EslClient: the reconnecting inbound connection). Import from here unless you need one file only.
export * from "./wire";
export * from "./client";
