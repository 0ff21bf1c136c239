/** Where to go after signing in: only a path on this hub, never a crafted link to another site. */
export function safeReturnUrl(search: string): string {
  const url = new URLSearchParams(search).get("ReturnUrl") ?? "/";
  const local = url.startsWith("/") && !url.startsWith("//") && !url.startsWith("/\\");
  return local && !url.startsWith("/login") ? url : "/";
}
