// Spectral custom function: an error response must have `<mediaType>` content whose schema is a `$ref` to
// `<schemaRef>`.
//
// The rule runs on the resolved document (Spectral's default), so `input` is the response with every `$ref`
// already replaced by its target: `#/components/responses/*` are checked like inline responses. Resolution also
// erases the `$ref` of the schema, so to see which schema the media type names, the function walks the same path
// through the unresolved document (`context.document.data`), following local `$ref`s on the way but not the last
// one. A finding is reported where the walk ends (in `components.responses.X` when the response is a `$ref`), so
// that its line is the line to fix.

const decode = (token) => decodeURIComponent(token.replace(/~1/g, '/').replace(/~0/g, '~'));

// Follows local `$ref`s from `root` along `path`; answers the node at the end (its own `$ref` not followed) and
// the path it really sits at, or undefined when the walk leaves the document.
function walkUnresolved(root, path) {
  let node = root;
  let at = [];
  for (const segment of path) {
    for (let hops = 0; node && typeof node === 'object' && typeof node.$ref === 'string'; hops++) {
      const ref = node.$ref;
      if (hops > 20 || !ref.startsWith('#')) return undefined; // a cycle, or an external reference: not followed
      at = ref === '#' ? [] : ref.slice(2).split('/').map(decode);
      node = at.reduce((n, token) => (n !== null && typeof n === 'object' ? n[token] : undefined), root);
    }
    if (node === null || typeof node !== 'object' || !(segment in node)) return undefined;
    node = node[segment];
    at = [...at, segment];
  }
  return { node, path: at };
}

export default function problemJsonResponse(response, options, context) {
  const mediaType = (options && options.mediaType) || 'application/problem+json';
  const schemaRef = (options && options.schemaRef) || '#/components/schemas/Problem';
  if (response === null || typeof response !== 'object') return;

  const media = response.content && response.content[mediaType];
  if (!media || typeof media !== 'object') {
    const found = walkUnresolved(context.document.data, context.path);
    return [{
      message: `Error response must have "${mediaType}" content (schema $ref "${schemaRef}").`,
      path: found ? found.path : context.path,
    }];
  }
  const found = walkUnresolved(context.document.data, [...context.path, 'content', mediaType, 'schema']);
  const schema = found && found.node;
  if (!schema || typeof schema !== 'object' || schema.$ref !== schemaRef) {
    const what = schema && typeof schema === 'object' && typeof schema.$ref === 'string' ? `"${schema.$ref}"` : 'an inline schema';
    return [{
      message: `Error response "${mediaType}" schema must be $ref "${schemaRef}", not ${what}.`,
      path: found ? found.path.slice(0, -1) : [...context.path, 'content', mediaType],
    }];
  }
}
