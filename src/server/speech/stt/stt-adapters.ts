import type { SttProvider } from "@/server/speech/speech-config";
import { deepgramStt } from "@/server/speech/stt/deepgram-stt";
import { googleStt } from "@/server/speech/stt/google-stt";
import { openaiStt } from "@/server/speech/stt/openai-stt";
import type { SttAdapter } from "@/server/speech/stt/stt-adapter";

export const STT_ADAPTERS: Record<SttProvider, SttAdapter> = { deepgram: deepgramStt, google: googleStt, openai: openaiStt };
