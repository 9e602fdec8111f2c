// What a provider's webhook answers (Slack, Telegram, Discord): a status and a JSON body, errors as { error: { code, message } }.
export interface WebhookAnswer {
  status: number;
  contentType: string;
  body: string;
}

export const jsonAnswer = (status: number, body: unknown): WebhookAnswer => ({ status, contentType: "application/json", body: JSON.stringify(body) });
export const refuseAnswer = (status: number, code: string, message: string) => jsonAnswer(status, { error: { code, message } });
