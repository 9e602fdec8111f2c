// <Enqueue>'s part of a call's session (the wait itself is decided by interpreter/queue-wait.ts): the member row
// through the queues use-cases, the switch's music on hold as the default wait (`playback local_stream://moh`, the
// stream freeswitch/conf/autoload_configs/local_stream.conf.xml defines; it plays until broken), the waitUrl's queue
// parameters as Twilio names them, and the leaving, told to the Enqueue's action when the call has ended.
import type { Command } from "@/server/voice-documents/interpreter/commands";
import type { Running, SessionOps } from "./session-ops";

/** The switch's music on hold (vars.xml's hold_music). */
export const HOLD_MUSIC = "local_stream://moh";

type Of<K extends Command["kind"]> = Extract<Command, { kind: K }>;

export class QueueRunner {
  constructor(private readonly s: SessionOps) {}

  async enqueue(command: Of<"enqueue">, step: number): Promise<void> {
    const { tenantId, callId } = this.s.channel;
    const result = await this.s.host.voice.enqueueCall({ tenantId, callId, friendlyName: command.queue, maxSize: command.maxSize, targetAgentId: command.agentId }).catch((err: unknown) => {
      this.s.log.error({ err, callId }, "could not queue the call");
      return null;
    });
    if (!result) return this.s.deliverLater({ kind: "failed", step, code: 12400, message: `the call could not be put in queue ${command.queue}` });
    if (!result.ok) return this.s.deliverLater({ kind: "queueFull", step, queueSid: result.queueSid });
    // The caller hung up while the row was written: nobody waits.
    if (!this.s.live()) return void (await this.s.host.voice.leaveQueue({ callId }).catch(() => null));
    this.s.deliverLater({ kind: "enqueued", step, queueSid: result.queueSid });
  }

  /** The music on hold, awaited as a prompt: it ends only when broken (a live change) or when the switch cannot play it. */
  holdMusicRunning(step: number, eventUuid: string): Running {
    return { kind: "prompt", step, eventUuid, loopsLeft: 0, prompt: { kind: "play", source: HOLD_MUSIC, loop: 1 } };
  }

  async holdMusic(running: Running | null): Promise<void> {
    if (!this.s.live() || running?.kind !== "prompt") return;
    await this.s.setTerminators("none");
    await this.s.send({ app: "playback", arg: HOLD_MUSIC }, running.eventUuid);
  }

  /** Awaited (`step`): the outcome says how long the caller waited. Not awaited: the action is told here. */
  async leave(command: Of<"leaveQueue">, step: number | null): Promise<void> {
    const left = await this.s.host.voice.leaveQueue({ callId: this.s.channel.callId }).catch((err: unknown) => {
      this.s.log.error({ err, callId: this.s.channel.callId }, "could not take the call out of its queue");
      return null;
    });
    if (step !== null) return this.s.deliverLater({ kind: "queueLeft", step, queueSid: left?.queueSid ?? null, waitedSeconds: left?.waitedSeconds ?? 0 });
    if (!command.notify) return;
    const params = { ...command.notify.params, ...(left ? { QueueSid: left.queueSid, QueueTime: String(left.waitedSeconds) } : {}) };
    await this.s.notify(command.notify.url, command.notify.method, params);
  }

  /** What a waitUrl is asked with (Twilio's names), beside the call's own parameters. */
  async waitParameters(): Promise<Record<string, string>> {
    const facts = await this.s.host.voice.findQueueWaitFacts({ callId: this.s.channel.callId }).catch(() => null);
    if (!facts) return {};
    return {
      QueueSid: facts.queueSid,
      QueuePosition: String(facts.position),
      QueueTime: String(facts.waitedSeconds),
      AvgQueueTime: String(facts.averageWaitSeconds),
      CurrentQueueSize: String(facts.currentSize),
      MaxQueueSize: String(facts.maxSize),
    };
  }
}
