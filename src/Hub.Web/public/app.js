"use strict";
// The signed-in landing page: who am I, sign out, personal API tokens.
(function () {
  async function antiforgeryHeaders() {
    const af = await (await fetch("/api/auth/antiforgery")).json();
    return { "Content-Type": "application/json", [af.headerName]: af.token };
  }

  async function api(method, url, body) {
    const init = { method, credentials: "same-origin" };
    if (method !== "GET") {
      init.headers = await antiforgeryHeaders();
      if (body !== undefined) init.body = JSON.stringify(body);
    }
    const response = await fetch(url, init);
    if (response.status === 401) { location.assign("/login?ReturnUrl=" + encodeURIComponent(location.pathname)); }
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      throw new Error(problem.detail || problem.title || `HTTP ${response.status}`);
    }
    return response.status === 204 ? null : response.json();
  }

  function showError(e) {
    const el = document.getElementById("error");
    el.textContent = e.message;
    el.hidden = false;
  }

  function cell(text) {
    const td = document.createElement("td");
    td.textContent = text;
    return td;
  }

  async function loadTokens() {
    const rows = document.getElementById("tokens");
    rows.replaceChildren();
    for (const t of await api("GET", "/api/tokens")) {
      const tr = document.createElement("tr");
      tr.append(cell(t.name), cell(t.prefix + "…"), cell(new Date(t.createdAt).toLocaleString()),
        cell(t.revokedAt ? "revoked" : t.lastUsedAt ? new Date(t.lastUsedAt).toLocaleString() : "never"));
      const actions = document.createElement("td");
      if (!t.revokedAt) {
        const revoke = document.createElement("button");
        revoke.type = "button";
        revoke.textContent = "Revoke";
        revoke.addEventListener("click", () => api("DELETE", `/api/tokens/${t.id}`).then(loadTokens, showError));
        actions.append(revoke);
      }
      tr.append(actions);
      rows.append(tr);
    }
  }

  document.getElementById("logout").addEventListener("click", async () => {
    await api("POST", "/api/auth/logout").catch(() => {});
    location.assign("/login");
  });

  document.getElementById("token-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      const created = await api("POST", "/api/tokens", { name: document.getElementById("token-name").value });
      document.getElementById("new-token-value").textContent = created.token;
      document.getElementById("new-token").hidden = false;
      await loadTokens();
    } catch (e) { showError(e); }
  });

  api("GET", "/api/auth/me").then((me) => { document.getElementById("user").textContent = me.userName; }, showError);
  loadTokens().catch(showError);
})();
