// Generates the SDK's types from the API spec into generated/ (git-ignored; `npm run build` runs this first):
// generated/openapi.ts, openapi-typescript's types for every path, operation and schema, and generated/version.ts,
// the SDK's version (package.json's, which is the spec's info.version) for the X-Client header.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import openapiTS, { astToString } from "openapi-typescript";

const here = new URL("../", import.meta.url);
const spec = new URL(process.env.API_SPEC ?? "../api-spec/openapi.yaml", here);
const out = new URL("generated/", here);

const ast = await openapiTS(spec, {
  // `export type Todo = components["schemas"]["Todo"]`, for apps to name the models
  rootTypes: true,
  rootTypesNoSchemaPrefix: true,
  // A field with a default (TodoCreate.done) may be left out of a request: the server fills it in.
  defaultNonNullable: false,
});
const { version } = JSON.parse(await readFile(new URL("package.json", here), "utf8"));

await mkdir(out, { recursive: true });
await writeFile(new URL("openapi.ts", out), astToString(ast));
await writeFile(new URL("version.ts", out),
  `/** The SDK's version: the spec's info.version it was generated from. */\nexport const SDK_VERSION = ${JSON.stringify(version)};\n`);
console.log(`Generated ${new URL("openapi.ts", out).pathname} from ${spec.pathname} (SDK ${version})`);
