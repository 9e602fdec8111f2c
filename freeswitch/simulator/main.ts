// `tsx freeswitch/simulator/main.ts`: runs the switch simulator until SIGINT/SIGTERM.
// Env: SIM_ESL_PORT (8021), SIM_ESL_PASSWORD (ClueCon), SIM_CONTROL_PORT (8022), SIM_RECORDINGS_DIR, SIM_TIME_SCALE (1),
// SIM_HOST (127.0.0.1), SIM_SESSIONS_PER_SECOND (300).
import { startSimulator } from "./index.ts";

const num = (v: string | undefined, fallback: number) => (v !== undefined && v !== "" && Number.isFinite(Number(v)) ? Number(v) : fallback);

const sim = await startSimulator({
  eslPort: num(process.env.SIM_ESL_PORT, 8021),
  eslPassword: process.env.SIM_ESL_PASSWORD || "ClueCon",
  controlPort: num(process.env.SIM_CONTROL_PORT, 8022),
  host: process.env.SIM_HOST || "127.0.0.1",
  recordingsDir: process.env.SIM_RECORDINGS_DIR || undefined,
  timeScale: num(process.env.SIM_TIME_SCALE, 1),
  sessionsPerSecond: num(process.env.SIM_SESSIONS_PER_SECOND, 300),
});
console.log(`switch simulator: ESL on port ${sim.eslPort}, control API on ${sim.controlUrl}, timeScale ${sim.switch.timeScale}`);

const stop = () => void sim.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
