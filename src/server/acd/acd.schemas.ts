import { z } from "zod";

export const ZFindQueueMetricsInput = z
  .object({
    queueId: z.string().trim().min(1).max(64).optional(),
    from: z.coerce.date().optional(),
    to: z.coerce.date().optional(),
  })
  .refine((v) => !v.from || !v.to || v.from < v.to, { message: "from: must be before to", path: ["from"] })
  .refine((v) => !v.from || !v.to || v.to.getTime() - v.from.getTime() <= 31 * 86_400_000, { message: "to: a window of at most 31 days", path: ["to"] });
export type TFindQueueMetricsInput = z.input<typeof ZFindQueueMetricsInput>;
