import type { Middleware } from "openapi-fetch";

/**
 * Where the SDK gets the caller's Cognito access token. Asked before every call; asked again with
 * `forceRefresh: true` once when the API answers 401 (the token expired or was revoked), and the call is retried
 * once with the new token. Null or undefined: send the call without a token.
 *
 * With Amplify: `accessToken: async ({ forceRefresh }) => (await fetchAuthSession({ forceRefresh })).tokens?.accessToken?.toString()`.
 */
export interface TokenProvider {
  accessToken(options: { forceRefresh: boolean }): Promise<string | null | undefined> | string | null | undefined;
}

/**
 * Sends `Authorization: Bearer <token>` from the provider, and on a 401 refreshes the token and sends the same
 * request again, once (with the same headers, so an order keeps its Idempotency-Key).
 */
export function bearerAuth(tokens: TokenProvider): Middleware {
  // each call's request as sent, kept until its answer, to send again after a refresh
  const sent = new Map<string, Request>();
  return {
    async onRequest({ request, id }) {
      const token = await tokens.accessToken({ forceRefresh: false });
      if (token) {
        request.headers.set("Authorization", `Bearer ${token}`);
      }
      sent.set(id, request.clone());
      return request;
    },
    async onResponse({ response, id, options }) {
      const again = sent.get(id);
      sent.delete(id);
      if (response.status !== 401 || again === undefined) {
        return undefined;
      }
      const token = await tokens.accessToken({ forceRefresh: true });
      if (!token) {
        return undefined;
      }
      await response.body?.cancel();
      again.headers.set("Authorization", `Bearer ${token}`);
      return options.fetch(again);
    },
    onError({ id }) {
      sent.delete(id);
      return undefined;
    },
  };
}
