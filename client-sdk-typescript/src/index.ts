export { createApiClient, CLIENT_NAME, type ApiClient, type ApiClientOptions } from "./client.js";
export { bearerAuth, type TokenProvider } from "./auth.js";
export { Problem, HttpError, throwOnError } from "./errors.js";
export { ifModified, NotModified, type Modified } from "./conditional.js";
export { pages, type Page } from "./paging.js";
export { idempotencyKeys, randomKey, type SdkPaths } from "./idempotency.js";
export { SDK_VERSION } from "../generated/version.js";
// The spec's models by name (Todo, Order, ...); the Problem class above stands for the Problem schema.
export type * from "../generated/openapi.js";
