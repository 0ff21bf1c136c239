import { get } from "./api";
import type { CurrentUser } from "./types";

let current: Promise<CurrentUser> | null = null;

/** Who is signed in, asked once per page load; a failed answer is asked again next time. */
export function session(): Promise<CurrentUser> {
  current ??= get<CurrentUser>("/api/auth/me").catch((e: unknown) => {
    current = null;
    throw e;
  });
  return current;
}
