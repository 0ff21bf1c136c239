import "./styles.css";
import { describeProblem, type ProblemDetails } from "./problem";
import { safeReturnUrl } from "./return-url";

// Sign-in: fetch an antiforgery token, post the credentials, then go where the user was headed (on this hub only).
const form = document.getElementById("login-form") as HTMLFormElement;
const error = document.getElementById("error") as HTMLParagraphElement;
const submit = document.getElementById("submit") as HTMLButtonElement;
const value = (id: string) => (document.getElementById(id) as HTMLInputElement).value;

function showError(text: string): void {
  error.textContent = text;
  error.hidden = false;
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  error.hidden = true;
  submit.disabled = true;
  try {
    const af = (await (await fetch("/api/auth/antiforgery", { credentials: "same-origin" })).json()) as {
      token: string;
      headerName: string;
    };
    const response = await fetch("/api/auth/login", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", [af.headerName]: af.token },
      body: JSON.stringify({
        userName: value("username"),
        password: value("password"),
        rememberMe: (document.getElementById("remember") as HTMLInputElement).checked,
      }),
    });
    if (response.ok) {
      location.assign(safeReturnUrl(location.search));
      return;
    }
    const problem = (await response.json().catch(() => ({}))) as ProblemDetails;
    showError(describeProblem(response.status, problem));
  } catch {
    showError("The hub cannot be reached.");
  } finally {
    submit.disabled = false;
  }
});
