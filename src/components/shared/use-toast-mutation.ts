"use client";

import { useMutation, useQueryClient, type QueryKey, type UseMutationOptions } from "@tanstack/react-query";
import { toast } from "sonner";

type Feedback<TData, TError, TVariables> = {
  /** Toasted when the mutation succeeds, before the queries are refreshed. */
  success?: string | ((data: TData, variables: TVariables) => string);
  /** Queries whose data the mutation changed; refreshed (and awaited) after success, before the caller's onSuccess. */
  invalidate?: QueryKey[];
  /** What to toast on failure (the error's own message by default), or false where the form shows the error itself. */
  error?: ((error: TError) => string) | false;
};

/**
 * useMutation with the portal's usual feedback: a success toast, the affected queries refreshed, and an error
 * toast. The options' own onSuccess runs last, once the refreshed data is in.
 */
export function useToastMutation<TData, TError extends { message: string }, TVariables, TOnMutateResult>(
  options: UseMutationOptions<TData, TError, TVariables, TOnMutateResult>,
  { success, invalidate = [], error = (e) => e.message }: Feedback<TData, TError, TVariables> = {},
) {
  const queryClient = useQueryClient();
  return useMutation<TData, TError, TVariables, TOnMutateResult>({
    ...options,
    onSuccess: async (...args) => {
      const [data, variables] = args;
      if (success) toast.success(typeof success === "string" ? success : success(data, variables));
      await Promise.all(invalidate.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      await options.onSuccess?.(...args);
    },
    onError: (e, ...rest) => {
      if (error) toast.error(error(e));
      options.onError?.(e, ...rest);
    },
  });
}
