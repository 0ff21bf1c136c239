// RFC 7807 answers from the hub, turned into one sentence a person can read.

export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: Record<string, string[]>;
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: ProblemDetails;

  constructor(status: number, problem: ProblemDetails) {
    super(describeProblem(status, problem));
    this.name = "ApiError";
    this.status = status;
    this.problem = problem;
  }
}

/** The detail first (it says what to do), then the title, then validation messages, then the bare status. */
export function describeProblem(status: number, problem: ProblemDetails): string {
  const validation = Object.values(problem.errors ?? {}).flat();
  const head = problem.detail || problem.title;
  if (head && validation.length > 0) return `${head} ${validation.join(" ")}`;
  if (head) return head;
  if (validation.length > 0) return validation.join(" ");
  return `The hub answered ${status}.`;
}

export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
