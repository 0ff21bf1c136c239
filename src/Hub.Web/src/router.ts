// Client-side routes over the History API. The hub answers every non-API path with index.html, so deep links and
// reloads land on the right page.

export type Route =
  | { page: "fleet" }
  | { page: "plug"; id: number }
  | { page: "discovery" }
  | { page: "settings" }
  | { page: "firmware" }
  | { page: "rollouts" }
  | { page: "rollout-new" }
  | { page: "rollout"; id: number }
  | { page: "alerts" }
  | { page: "energy" }
  | { page: "profiles" }
  | { page: "missing" };

export function parseRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, "") || "/";
  if (path === "/" || path === "/fleet") return { page: "fleet" };
  if (path === "/discovery") return { page: "discovery" };
  if (path === "/settings") return { page: "settings" };
  if (path === "/firmware") return { page: "firmware" };
  if (path === "/rollouts") return { page: "rollouts" };
  if (path === "/rollouts/new") return { page: "rollout-new" };
  if (path === "/alerts") return { page: "alerts" };
  if (path === "/energy") return { page: "energy" };
  if (path === "/profiles") return { page: "profiles" };
  const rollout = /^\/rollouts\/(\d+)$/.exec(path);
  if (rollout) return { page: "rollout", id: Number(rollout[1]) };
  const plug = /^\/plugs\/(\d+)$/.exec(path);
  if (plug) return { page: "plug", id: Number(plug[1]) };
  return { page: "missing" };
}

const listeners = new Set<() => void>();

export function navigate(url: string): void {
  if (url === location.pathname + location.search + location.hash) return;
  history.pushState(null, "", url);
  for (const listener of listeners) listener();
}

export function onNavigate(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// Optional call: the unit tests import this module outside a browser.
globalThis.addEventListener?.("popstate", () => {
  for (const listener of listeners) listener();
});

/** Same-origin links inside the app change the route instead of loading the page again. */
export function interceptLinks(root: HTMLElement): void {
  root.addEventListener("click", (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    const anchor = (event.target as Element).closest("a");
    if (!anchor || anchor.target || anchor.hasAttribute("download") || anchor.origin !== location.origin) return;
    if (!/^\/(plugs\/\d+|discovery|settings|fleet|firmware|rollouts(\/(\d+|new))?|alerts|energy|profiles)?$/.test(anchor.pathname)) return;
    event.preventDefault();
    navigate(anchor.pathname + anchor.search + anchor.hash);
  });
}
