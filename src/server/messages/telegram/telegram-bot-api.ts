// Telegram's Bot API: POST {TELEGRAM_API_BASE_URL}/bot<token>/<method> with a JSON body; every answer is
// { ok: true, result } or { ok: false, error_code, description, parameters?: { retry_after } }.
import { AppError } from "@/server/errors";
import { chatBotEnv } from "@/server/messages/chat-bots/chat-bots.schemas";

export interface TelegramAnswer<T = unknown> {
  ok?: boolean;
  result?: T;
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

export interface TelegramUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  username?: string;
}

export function telegramMethodUrl(token: string, method: string, baseUrl = chatBotEnv().TELEGRAM_API_BASE_URL): string {
  return `${baseUrl.replace(/\/$/, "")}/bot${token}/${method}`;
}

/** One Bot API call for the connect and disconnect steps; a refusal becomes an AppError naming `field`. */
export async function callTelegram<T>(token: string, method: string, params: Record<string, unknown>, field = "token"): Promise<T> {
  let res: Response;
  try {
    res = await fetch(telegramMethodUrl(token, method), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(params), signal: AbortSignal.timeout(15_000) });
  } catch (e) {
    throw new AppError("UNAVAILABLE", `Telegram could not be reached (${(e as Error).message})`);
  }
  const answer = (await res.json().catch(() => ({}))) as TelegramAnswer<T>;
  if (res.ok && answer.ok) return answer.result as T;
  if (res.status === 401 || res.status === 404) throw new AppError("VALIDATION_FAILED", `${field}: Telegram does not know this bot token (${answer.description ?? res.status})`, { details: { fieldErrors: { [field]: ["Telegram does not know this bot token"] } } });
  throw new AppError("BAD_REQUEST", `Telegram refused ${method} (${answer.error_code ?? res.status}${answer.description ? `: ${answer.description}` : ""})`);
}
