// What the end-to-end tests share: the dev server the build started (MOBILE_BACKEND_URL), its tokens, and clients.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { createApiClient, Problem, type ApiClient, type TokenProvider } from "../src/index.js";

/** The dev server's URL; the Maven build (TypeScriptSdkTest) starts one and passes it. */
export const baseUrl: string = (() => {
  const url = process.env.MOBILE_BACKEND_URL;
  if (!url) {
    throw new Error("MOBILE_BACKEND_URL is not set: run these tests through ./mvnw verify -pl client-sdk-typescript, "
      + "or start the dev server (./mvnw -pl dev-server -am -Prun compile) and set MOBILE_BACKEND_URL=http://localhost:8080");
  }
  return url;
})();

/** A user nobody else uses, so tests sharing the database do not see each other's data. */
export function newSub(): string {
  return `sdk-ts-${randomUUID()}`;
}

/** An access token for `sub`, minted by the dev server (GET /_dev/token). */
export async function devToken(sub: string): Promise<string> {
  const answer = await fetch(`${baseUrl}/_dev/token?sub=${encodeURIComponent(sub)}`);
  if (!answer.ok) {
    throw new Error(`GET /_dev/token answered ${answer.status}: ${await answer.text()}`);
  }
  return ((await answer.json()) as { accessToken: string }).accessToken;
}

/** A token provider for `sub` as an app's would be: one token, a new one when asked to refresh. */
export function devTokens(sub: string): TokenProvider {
  let token: Promise<string> | undefined;
  return {
    accessToken({ forceRefresh }) {
      if (token === undefined || forceRefresh) {
        token = devToken(sub);
      }
      return token;
    },
  };
}

/** An SDK client of its own (one "device") for `sub`. */
export function clientFor(sub: string): ApiClient {
  return createApiClient({ baseUrl, tokens: devTokens(sub) });
}

/** An SDK client that sends no token. */
export function anonymousClient(): ApiClient {
  return createApiClient({ baseUrl });
}

export function etag(version: number): string {
  return `"${version}"`;
}

/** What assert.rejects checks of a Problem: its class, its Content-Type and its members as the server sent them. */
export function problem(status: number, title: string, detail: string) {
  return (error: unknown) => {
    assert.ok(error instanceof Problem, String(error));
    assert.deepEqual({ type: error.type, title: error.title, status: error.status, detail: error.detail },
      { type: "about:blank", title, status, detail });
    assert.equal(error.response.headers.get("Content-Type"), "application/problem+json");
    return true;
  };
}
