import { ApiError, type ProblemDetails } from "./problem";

// Every call the dashboard makes goes through here: the session cookie rides along, state-changing calls carry the
// antiforgery header, errors become ApiError with the ProblemDetails text, and a lost session goes to the sign-in page.

interface Antiforgery {
  token: string;
  headerName: string;
}

let antiforgery: Promise<Antiforgery> | null = null;

/** Tokens are bound to the signed-in user, so one fetched after sign-in stays good for this page's lifetime. */
export function fetchAntiforgery(): Promise<Antiforgery> {
  antiforgery ??= fetch("/api/auth/antiforgery", { credentials: "same-origin" }).then(async (r) => {
    if (!r.ok) throw new ApiError(r.status, await readProblem(r));
    return (await r.json()) as Antiforgery;
  });
  antiforgery.catch(() => (antiforgery = null));
  return antiforgery;
}

export function forgetAntiforgery(): void {
  antiforgery = null;
}

async function readProblem(response: Response): Promise<ProblemDetails> {
  try {
    return (await response.json()) as ProblemDetails;
  } catch {
    return {};
  }
}

export function goToLogin(): void {
  const here = location.pathname + location.search;
  location.assign("/login?ReturnUrl=" + encodeURIComponent(here));
}

async function send(method: string, url: string, body: unknown, retry: boolean): Promise<Response> {
  const headers: Record<string, string> = {};
  if (method !== "GET") {
    const af = await fetchAntiforgery();
    headers[af.headerName] = af.token;
  }
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(url, {
    method,
    credentials: "same-origin",
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  // The antiforgery cookie can change under us (another tab signed in again): fetch a fresh token once.
  if (response.status === 400 && method !== "GET" && retry) {
    const problem = await readProblem(response.clone());
    if (problem.title?.startsWith("Antiforgery")) {
      forgetAntiforgery();
      return send(method, url, body, false);
    }
  }
  return response;
}

export async function api<T>(method: string, url: string, body?: unknown): Promise<T> {
  const response = await send(method, url, body, true);
  if (response.status === 401) {
    goToLogin();
    throw new ApiError(401, { title: "Authentication required", detail: "Your session ended; sign in again." });
  }
  if (!response.ok) throw new ApiError(response.status, await readProblem(response));
  if (response.status === 204 || response.status === 202) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const get = <T>(url: string) => api<T>("GET", url);
