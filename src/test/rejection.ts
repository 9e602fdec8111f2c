import { expect } from "vitest";
import { AppError } from "@/server/errors";

/** The AppError a use-case's promise rejects with (the test fails if it resolves or throws something else). */
export async function rejection(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}
