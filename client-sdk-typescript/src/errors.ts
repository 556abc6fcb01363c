import type { Middleware } from "openapi-fetch";
import type { FieldError, Problem as ProblemDocument } from "../generated/openapi.js";

/** A call the API answered with an error status that is not an RFC 9457 problem (a gateway's HTML 502, say). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly response: Response,
    readonly body: string,
  ) {
    super(`HTTP ${status}${response.statusText ? ` ${response.statusText}` : ""} from ${response.url}`);
    this.name = "HttpError";
  }
}

/**
 * A call the API refused with an RFC 9457 `application/problem+json` document: its members, typed, plus any extension
 * members a newer server adds (in `extensions`).
 */
export class Problem extends HttpError implements ProblemDocument {
  readonly type: string;
  readonly title: string;
  readonly detail?: string;
  readonly instance?: string;
  readonly errors?: FieldError[];
  readonly extensions: Record<string, unknown>;

  constructor(document: ProblemDocument & Record<string, unknown>, response: Response, body: string) {
    super(document.status ?? response.status, response, body);
    this.name = "Problem";
    const { type, title, status: _status, detail, instance, errors, ...extensions } = document;
    this.type = type ?? "about:blank";
    this.title = title ?? response.statusText;
    this.detail = detail;
    this.instance = instance;
    this.errors = errors;
    this.extensions = extensions;
    this.message = `${this.status} ${this.title}${detail ? `: ${detail}` : ""}`;
  }
}

const PROBLEM_JSON = /^application\/problem\+json\s*(;|$)/i;

/**
 * Turns every answer but 2xx and 304 into a thrown {@link Problem} when its Content-Type says
 * application/problem+json (and the body is a JSON object), else into an {@link HttpError}.
 */
export const throwOnError: Middleware = {
  async onResponse({ response }) {
    if (response.ok || response.status === 304) {
      return undefined;
    }
    const body = await response.text();
    if (PROBLEM_JSON.test(response.headers.get("Content-Type") ?? "")) {
      const document = parseObject(body);
      if (document) {
        throw new Problem(document as ProblemDocument & Record<string, unknown>, response, body);
      }
    }
    throw new HttpError(response.status, response, body);
  },
};

function parseObject(body: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
