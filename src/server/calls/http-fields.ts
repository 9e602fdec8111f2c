// A tenant's URL and its HTTP method, as every calls input takes them (status callbacks, fallback, AMD callback).
import { z } from "zod";

export const ZHttpUrl = z.url({ protocol: /^https?$/, message: "must be an http(s) URL" }).max(2048);
export const ZHttpMethod = z.enum(["GET", "POST"]);
