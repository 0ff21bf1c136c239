"use strict";
// Sign-in: fetch an antiforgery token, post the credentials, then go where the user was headed.
(function () {
  const form = document.getElementById("login-form");
  const error = document.getElementById("error");

  function safeReturnUrl() {
    const url = new URLSearchParams(location.search).get("ReturnUrl") || "/";
    // Only local paths: never let a crafted link send a fresh session elsewhere.
    return url.startsWith("/") && !url.startsWith("//") ? url : "/";
  }

  function showError(text) {
    error.textContent = text;
    error.hidden = false;
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.hidden = true;
    try {
      const af = await (await fetch("/api/auth/antiforgery", { credentials: "same-origin" })).json();
      const response = await fetch("/api/auth/login", {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", [af.headerName]: af.token },
        body: JSON.stringify({
          userName: document.getElementById("username").value,
          password: document.getElementById("password").value,
          rememberMe: document.getElementById("remember").checked,
        }),
      });
      if (response.ok) {
        location.assign(safeReturnUrl());
        return;
      }
      const problem = await response.json().catch(() => ({}));
      showError(problem.detail || problem.title || `Sign-in failed (${response.status})`);
    } catch (e) {
      showError("The hub cannot be reached.");
    }
  });
})();
