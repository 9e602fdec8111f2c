import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { AppError } from "@/server/errors";
import { createTrpcContext } from "@/trpc/init";
import { appRouter } from "@/trpc/routers/_app";

function handler(req: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: ({ resHeaders }) => createTrpcContext({ headers: req.headers, url: req.url, resHeaders }),
    // A throttled call says when to come back in the standard header too, not only in the error body.
    responseMeta({ errors }) {
      const retryAfter = errors.map((e) => (e.cause instanceof AppError ? e.cause.retryAfter : undefined)).find((s) => s !== undefined);
      return retryAfter === undefined ? {} : { headers: new Headers({ "retry-after": String(retryAfter) }) };
    },
  });
}

export { handler as GET, handler as POST };
