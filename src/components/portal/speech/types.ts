import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/trpc/routers/_app";

type Outputs = inferRouterOutputs<AppRouter>["speech"];
export type SpeechSettings = Outputs["settings"];
export type SpeechProviderRow = SpeechSettings["providers"][number];
export type SttChoice = SpeechSettings["sttProvider"];

/** Voices to start from, as <Say voice="…"> writes them (any other voice of these providers works too). */
export const SUGGESTED_VOICES = [
  "man",
  "Polly.Joanna",
  "Polly.Joanna-Neural",
  "Polly.Matthew-Neural",
  "Google.en-US-Standard-C",
  "Google.en-US-Neural2-F",
  "openai.alloy",
  "openai.nova",
  "elevenlabs.21m00Tcm4TlvDq8ikWAM",
];
