/** What a conditional GET (If-None-Match) answers when the client's copy is current: 304, no body. */
export class NotModified {
  readonly notModified = true;

  constructor(
    /** The ETag the server confirmed (the one the client sent). */
    readonly etag: string | null,
    readonly response: Response,
  ) {}
}

/** A conditional GET's answer when the resource changed: the new representation and its ETag. */
export interface Modified<T> {
  readonly notModified: false;
  readonly data: T;
  readonly etag: string | null;
  readonly response: Response;
}

/**
 * Reads the answer of a GET sent with If-None-Match: {@link NotModified} for 304, else the data with its ETag.
 *
 * ```ts
 * const answer = await ifModified(api.GET("/todos/{todoId}", { params: { path: { todoId }, header: { "If-None-Match": etag } } }));
 * if (!answer.notModified) show(answer.data);
 * ```
 */
export async function ifModified<T>(call: Promise<{ data?: T; response: Response }>): Promise<Modified<T> | NotModified> {
  const { data, response } = await call;
  const etag = response.headers.get("ETag");
  if (response.status === 304) {
    return new NotModified(etag, response);
  }
  if (data === undefined) {
    throw new TypeError(`HTTP ${response.status} from ${response.url} has no body to read`);
  }
  return { notModified: false, data, etag, response };
}
