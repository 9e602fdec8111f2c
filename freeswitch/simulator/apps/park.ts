// park: CHANNEL_PARK; the app lasts until hangup (or transfer), whose UNPARK and EXECUTE_COMPLETE switch.ts sends.
import { STAYS, type SimApp } from "./context.ts";

export const park: SimApp = ({ sw, ch, sim, appUuid }) => {
  sim.parked = true;
  sim.parkAppUuid = appUuid;
  sw.emit(ch, "CHANNEL_PARK", "CHANNEL_PARK");
  return STAYS;
};
