import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { after, before, describe, test } from "node:test";
import { JSON_SCHEMA, load } from "js-yaml";
import { createApiClient, HttpError, Problem, type ApiClient } from "../src/index.js";
import { StubServer } from "./stub-server.js";

/**
 * An app already shipped must read what a newer server answers: a minor version may add fields to any response (and
 * RFC 9457 lets a problem carry extension members), and an enum value to a response. Every response example of the
 * spec, so changed, is served from a stub server and read through the SDK: handed over whole, not rejected.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = { $ref?: string; properties?: Record<string, Schema>; additionalProperties?: Schema | boolean; items?: Schema; enum?: unknown[] };
type Spec = { paths: Record<string, Record<string, { responses?: Record<string, { $ref?: string; content?: Record<string, { schema?: Schema; example?: Json }> }> }>> };

const NEWER_VALUE = "VALUE_OF_A_NEWER_SERVER";
const specPath = process.env.API_SPEC ?? new URL("../../../api-spec/openapi.yaml", import.meta.url).pathname;
const spec = load(await readFile(specPath, "utf8"), { schema: JSON_SCHEMA }) as Spec & Record<string, unknown>;

interface ResponseExample {
  name: string;
  method: string;
  path: string;
  status: number;
  mediaType: string;
  schema: Schema;
  example: Json;
}

/** Each response of the spec that names its model and has an example: what a server of this version answers. */
function responseExamples(): ResponseExample[] {
  const examples: ResponseExample[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (method === "parameters") continue;
      for (const [status, declared] of Object.entries(operation.responses ?? {})) {
        for (const [mediaType, media] of Object.entries(resolve(declared).content ?? {})) {
          const ref = media.schema?.$ref;
          if (ref !== undefined && media.example !== undefined) {
            examples.push({ name: `${method.toUpperCase()} ${path} ${status} ${ref.slice(ref.lastIndexOf("/") + 1)}`,
              method: method.toUpperCase(), path, status: Number(status), mediaType, schema: media.schema!, example: media.example });
          }
        }
      }
    }
  }
  return examples;
}

function resolve<T extends { $ref?: string }>(node: T): T {
  if (node.$ref === undefined) return node;
  let target: unknown = spec;
  for (const part of node.$ref.slice(2).split("/")) target = (target as Record<string, unknown>)[part];
  return target as T;
}

function childSchema(schema: Schema, key: string): Schema {
  const child = schema.properties?.[key] ?? schema.additionalProperties;
  return typeof child === "object" ? child : {};
}

/** Every object its schema declares properties for gains a member the SDK was generated without. */
function withUnknownFields(value: Json, declared: Schema): Json {
  const schema = resolve(declared);
  if (Array.isArray(value)) return value.map((item) => withUnknownFields(item, schema.items ?? {}));
  if (value === null || typeof value !== "object") return value;
  const newer: Record<string, Json> = {};
  for (const [key, child] of Object.entries(value)) newer[key] = withUnknownFields(child, childSchema(schema, key));
  if (schema.properties) newer.fieldOfANewerServer = { since: "1.2.0" };
  return newer;
}

/** Each string whose schema is an enum becomes a value that enum does not have; `replaced` says where. */
function withNewEnumValues(value: Json, declared: Schema, at: string, replaced: string[]): Json {
  const schema = resolve(declared);
  if (Array.isArray(value)) return value.map((item) => withNewEnumValues(item, schema.items ?? {}, `${at}[].`, replaced));
  if (value === null || typeof value !== "object") return value;
  const newer: Record<string, Json> = {};
  for (const [key, child] of Object.entries(value)) {
    const childDeclared = childSchema(schema, key);
    if (typeof child === "string" && resolve(childDeclared).enum) {
      newer[key] = NEWER_VALUE;
      replaced.push(at + key);
    } else {
      newer[key] = withNewEnumValues(child, childDeclared, `${at}${key}.`, replaced);
    }
  }
  return newer;
}

/** Calls the example's operation through the SDK, whatever its path parameters (the stub answers any). */
function call(api: ApiClient, example: ResponseExample): Promise<{ data?: unknown; response: Response }> {
  const untyped = api as unknown as { request(method: string, url: string, init: object): Promise<{ data?: unknown; response: Response }> };
  const path = Object.fromEntries([...example.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => [name, "id-1"]));
  const body = example.method === "POST" || example.method === "PUT" ? { body: {} } : {};
  return untyped.request(example.method, example.path, { params: { path }, ...body });
}

describe("forward compatibility", () => {
  let stub: StubServer;
  let api: ApiClient;
  before(async () => {
    stub = await StubServer.start();
    // no token provider: a 401 example is read as it comes, not refreshed and sent again
    api = createApiClient({ baseUrl: stub.url });
  });
  after(() => stub.close());

  /** What the SDK must make of the newer answer: the data as sent, or an error with every member as sent. */
  async function readsAsSent(example: ResponseExample, newer: Json): Promise<void> {
    stub.answer({ status: example.status, contentType: example.mediaType, body: JSON.stringify(newer) });
    if (example.status < 300) {
      const { data, response } = await call(api, example);
      assert.equal(response.status, example.status);
      assert.deepEqual(data, newer);
      return;
    }
    const error = await call(api, example).then(() => undefined, (failure: unknown) => failure);
    if (example.mediaType !== "application/problem+json") {
      // an error that is no problem document (GET /health's 503 Health): an HttpError whose body is the document as sent
      assert.ok(error instanceof HttpError && !(error instanceof Problem), String(error));
      assert.deepEqual(JSON.parse(error.body), newer);
      return;
    }
    assert.ok(error instanceof Problem, `${String(error)} for ${JSON.stringify(newer)}`);
    const { type, title, status, detail, instance, errors, ...extensions } = newer as Record<string, Json>;
    assert.deepEqual({ type: error.type, title: error.title, status: error.status, detail: error.detail, instance: error.instance, errors: error.errors },
      { type, title, status, detail, instance, errors });
    assert.deepEqual(error.extensions, extensions);
  }

  const examples = responseExamples();
  test("the spec has response examples to read", () => assert.ok(examples.length >= 20, `response examples: ${examples.length}`));

  describe("a field a newer server adds is read, not rejected", () => {
    for (const example of examples) {
      test(example.name, async () => {
        const newer = withUnknownFields(example.example, example.schema);
        assert.ok(JSON.stringify(newer).includes("fieldOfANewerServer"));
        await readsAsSent(example, newer);
      });
    }
  });

  describe("an enum value a newer server adds is read, not rejected", () => {
    const withEnums = examples.map((example) => {
      const replaced: string[] = [];
      return { example, newer: withNewEnumValues(example.example, example.schema, "", replaced), replaced };
    }).filter(({ replaced }) => replaced.length > 0);
    test("the spec has response examples with an enum", () => assert.ok(withEnums.length >= 5, `with an enum: ${withEnums.length}`));
    for (const { example, newer, replaced } of withEnums) {
      test(`${example.name} [${replaced.join(", ")}]`, () => readsAsSent(example, newer));
    }
  });
});
