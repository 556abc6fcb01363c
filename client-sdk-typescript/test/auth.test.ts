import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createApiClient, type TokenProvider } from "../src/index.js";
import { baseUrl, devToken, newSub, problem } from "./support.js";

/** A provider that answers `first` until asked to refresh, then whatever `refreshed` gives; it counts the asks. */
function tokens(first: string, refreshed: () => Promise<string>): TokenProvider & { asked: boolean[] } {
  const asked: boolean[] = [];
  let current: Promise<string> = Promise.resolve(first);
  return {
    asked,
    accessToken({ forceRefresh }) {
      asked.push(forceRefresh);
      if (forceRefresh) {
        current = refreshed();
      }
      return current;
    },
  };
}

/** The token provider: asked before each call, refreshed once when the API answers 401, and the call sent again. */
describe("auth", () => {
  test("refreshes a token the API refuses and sends the call again, once", async () => {
    const sub = newSub();
    const provider = tokens("an-expired-token", () => devToken(sub));
    const api = createApiClient({ baseUrl, tokens: provider });

    const placed = await api.POST("/orders", { body: { lines: [{ sku: "TEA-OOLONG-50", quantity: 1 }] } });
    assert.equal(placed.response.status, 201);
    assert.deepEqual(provider.asked, [false, true]);
    assert.equal(placed.response.headers.get("Idempotent-Replayed"), null);

    // the refreshed token is the one used from now on
    assert.deepEqual((await api.GET("/orders")).data?.items, [placed.data]);
    assert.deepEqual(provider.asked, [false, true, false]);
  });

  test("answers the 401 Problem when the refreshed token is refused too, after one retry", async () => {
    const provider = tokens("an-expired-token", async () => "a-revoked-token");
    const api = createApiClient({ baseUrl, tokens: provider });

    await assert.rejects(api.GET("/todos"), problem(401, "Unauthorized", "A valid access token is required."));
    assert.deepEqual(provider.asked, [false, true]);
  });

  test("sends no Authorization when the provider has no token, and does not retry", async () => {
    const provider = tokens("", async () => "");
    const api = createApiClient({ baseUrl, tokens: provider });

    await assert.rejects(api.GET("/todos"), problem(401, "Unauthorized", "A valid access token is required."));
    assert.deepEqual(provider.asked, [false, true]);
    assert.equal((await api.GET("/health")).response.status, 200);
  });
});
