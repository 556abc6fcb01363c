import createClient, { type Client } from "openapi-fetch";
import { SDK_VERSION } from "../generated/version.js";
import { bearerAuth, type TokenProvider } from "./auth.js";
import { throwOnError } from "./errors.js";
import { idempotencyKeys, randomKey, type SdkPaths } from "./idempotency.js";

/** What the SDK sends as X-Client (and, outside browsers, as User-Agent). */
export const CLIENT_NAME = `mobile-backend-sdk-typescript/${SDK_VERSION}`;

/** How to reach the API, and as whom. */
export interface ApiClientOptions {
  /** The API's base URL, e.g. `https://api.example.com/v1` or the dev server's `http://localhost:8080`. */
  baseUrl: string;
  /** The caller's access token; without one, calls go out without Authorization (only `/health` answers them). */
  tokens?: TokenProvider;
  /** Makes up an Idempotency-Key for a call that needs one (default: `crypto.randomUUID()`). */
  newIdempotencyKey?: () => string;
  /** Another fetch (a test double, a polyfill); default: the platform's. */
  fetch?: (request: Request) => Promise<Response>;
}

/** The API's client: openapi-fetch's, typed by the spec's paths, with the SDK's middleware. */
export type ApiClient = Client<SdkPaths>;

/**
 * A client of the API. Every call resolves with `{ data, response }` for 2xx (and `{ response }` for 304, see
 * `ifModified`) and rejects with a `Problem` (an application/problem+json answer) or an `HttpError` otherwise.
 */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const client = createClient<SdkPaths>({
    baseUrl: options.baseUrl,
    headers: clientHeaders(),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  // onRequest runs in this order, onResponse in the reverse: the key is set before auth keeps the request to send
  // again, and a 401 is retried before it can become a Problem.
  client.use(throwOnError, idempotencyKeys(options.newIdempotencyKey ?? randomKey));
  if (options.tokens) {
    client.use(bearerAuth(options.tokens));
  }
  return client;
}

/**
 * X-Client everywhere. User-Agent too where the platform lets a script set it (Node, React Native); a browser page
 * keeps the browser's (Chrome ignores a script's, and another header name would need another CORS allowance).
 */
function clientHeaders(): Record<string, string> {
  const inBrowserPage = typeof document !== "undefined";
  return inBrowserPage ? { "X-Client": CLIENT_NAME } : { "X-Client": CLIENT_NAME, "User-Agent": CLIENT_NAME };
}
