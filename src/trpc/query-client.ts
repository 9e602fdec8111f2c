import { defaultShouldDehydrateQuery, QueryClient } from "@tanstack/react-query";
import superjson from "superjson";

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30 * 1000,
        // A 4xx (not found, forbidden, bad input) answers the same on retry: show it at once instead of a skeleton
        // for the three retries' back-off. Rate limits and 5xx are still retried.
        retry: (failureCount, error) => {
          const status = (error as { data?: { httpStatus?: number } | null }).data?.httpStatus;
          return !(status !== undefined && status >= 400 && status < 500 && status !== 429) && failureCount < 3;
        },
      },
      dehydrate: {
        serializeData: superjson.serialize,
        shouldDehydrateQuery: (query) => defaultShouldDehydrateQuery(query) || query.state.status === "pending",
      },
      hydrate: { deserializeData: superjson.deserialize },
    },
  });
}
