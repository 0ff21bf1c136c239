import { fetchAntiforgery, forgetAntiforgery, goToLogin } from "./api";
import { ApiError, type ProblemDetails } from "./problem";

// fetch() cannot report upload progress, so firmware uploads use XMLHttpRequest; everything else (cookie,
// antiforgery header, ProblemDetails errors, a lost session) behaves as in api.ts.

export interface UploadResult<T> {
  status: number;
  body: T;
}

function parseProblem(text: string): ProblemDetails {
  try {
    return JSON.parse(text) as ProblemDetails;
  } catch {
    return {};
  }
}

function sendOnce(url: string, body: Blob, header: [string, string], onProgress: (fraction: number) => void) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.withCredentials = true;
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.setRequestHeader(header[0], header[1]);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => resolve({ status: xhr.status, text: xhr.responseText });
    xhr.onerror = () => reject(new ApiError(0, { title: "Upload failed", detail: "The hub could not be reached." }));
    xhr.onabort = () => reject(new ApiError(0, { title: "Upload cancelled" }));
    xhr.send(body);
  });
}

/** POSTs raw bytes and resolves with the parsed answer; rejects with ApiError carrying the ProblemDetails text. */
export async function uploadBytes<T>(url: string, body: Blob, onProgress: (fraction: number) => void): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const af = await fetchAntiforgery();
    const { status, text } = await sendOnce(url, body, [af.headerName, af.token], onProgress);
    if (status === 401) {
      goToLogin();
      throw new ApiError(401, { title: "Authentication required", detail: "Your session ended; sign in again." });
    }
    const problem = status >= 400 ? parseProblem(text) : {};
    // The antiforgery cookie can change under us (another tab signed in again): fetch a fresh token once.
    if (status === 400 && attempt === 0 && problem.title?.startsWith("Antiforgery")) {
      forgetAntiforgery();
      continue;
    }
    if (status < 200 || status >= 300) throw new ApiError(status, problem);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}
