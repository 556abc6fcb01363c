import type { Middleware } from "openapi-fetch";
import type { paths } from "../generated/openapi.js";

type KeyedOperation = { parameters: { header: { "Idempotency-Key": string } } };

/** "POST /orders" for every operation of the spec that requires an Idempotency-Key header. */
type IdempotentOperation = {
  [P in keyof paths]-?: {
    [M in keyof paths[P]]-?: paths[P][M] extends KeyedOperation ? `${Uppercase<M & string>} ${P & string}` : never;
  }[keyof paths[P]];
}[keyof paths];

/**
 * The operations the SDK makes up a key for when the caller gives none. A Record of the spec's idempotent operations,
 * so the build fails when the spec adds one and this list does not say it (or lists one the spec no longer has).
 */
const IDEMPOTENT_OPERATIONS: Record<IdempotentOperation, true> = {
  "POST /orders": true,
};

/** The operation's Idempotency-Key header made optional: the SDK supplies one. */
type KeyOptional<Op> = Op extends KeyedOperation
  ? Omit<Op, "parameters"> & {
      parameters: Omit<Op["parameters"], "header"> & {
        header?: Omit<Op["parameters"]["header"], "Idempotency-Key"> & { "Idempotency-Key"?: string };
      };
    }
  : Op;

/** The spec's paths as the SDK's client takes them: the same, but an Idempotency-Key is optional. */
export type SdkPaths = {
  [P in keyof paths]: { [M in keyof paths[P]]: KeyOptional<paths[P][M]> };
};

/** A new key, once per call: a random UUID (Web Crypto; in React Native pass your own, see README). */
export function randomKey(): string {
  if (typeof globalThis.crypto?.randomUUID !== "function") {
    throw new Error("No crypto.randomUUID() here (React Native, or a page not served over https): pass newIdempotencyKey to createApiClient");
  }
  return globalThis.crypto.randomUUID();
}

/**
 * Gives each call of an idempotent operation (placing an order) that has no Idempotency-Key a new one. It is set on
 * the request before it is first sent, so a retry of that call (after a token refresh) sends the same key, and the
 * server answers the order it already placed instead of placing another.
 */
export function idempotencyKeys(newKey: () => string): Middleware {
  return {
    onRequest({ request, schemaPath }) {
      const operation = `${request.method} ${schemaPath}`;
      if (Object.hasOwn(IDEMPOTENT_OPERATIONS, operation) && !request.headers.has("Idempotency-Key")) {
        request.headers.set("Idempotency-Key", newKey());
      }
      return request;
    },
  };
}
