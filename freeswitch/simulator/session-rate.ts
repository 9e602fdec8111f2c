// FreeSWITCH's sessions-per-second throttle (switch.conf.xml sessions-per-second, stock 30): the core refills a
// budget once a second and switch_core_session_request refuses a new session when it is spent, logging
// "[CRIT] Throttle Error!". An originate refused so answers `-ERR DESTINATION_OUT_OF_ORDER` without any channel
// event (no CHANNEL_CREATE), as seen on the real switch (freeswitch/real-switch/throttle.test.ts).
export class SessionRate {
  private windowStart = 0;
  private used = 0;

  constructor(
    public perSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes one session from this second's budget; false when it is spent. */
  take(): boolean {
    const second = Math.floor(this.now() / 1000);
    if (second !== this.windowStart) {
      this.windowStart = second;
      this.used = 0;
    }
    if (this.used >= this.perSecond) return false;
    this.used++;
    return true;
  }
}
