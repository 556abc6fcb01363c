/** One page of a list operation: the spec's `*Page` schemas. */
export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}

/**
 * The pages of a list operation, one request per page, following `nextCursor` until the last page (the one without).
 *
 * ```ts
 * for await (const page of pages((cursor) => api.GET("/todos", { params: { query: { limit: 50, cursor } } }))) {
 *   show(page.items);
 * }
 * ```
 */
export async function* pages<P extends Page<unknown>>(
  fetchPage: (cursor: string | undefined) => Promise<{ data?: P; response: Response }>,
): AsyncGenerator<P, void, undefined> {
  let cursor: string | undefined;
  do {
    const { data, response } = await fetchPage(cursor);
    if (data === undefined) {
      throw new TypeError(`HTTP ${response.status} from ${response.url} has no page to read`);
    }
    yield data;
    cursor = data.nextCursor ?? undefined;
  } while (cursor !== undefined);
}
