// Spectral custom function, given the root document: every operation but the public ones (`options.public`,
// e.g. ["GET /health"]) must require authentication. An operation's effective security is its own `security`
// when it has one, else the root `security`; it requires authentication when it lists at least one requirement
// and none of them is empty (`{}` makes authentication optional, `[]` turns it off).

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

const requiresAuth = (security) =>
  Array.isArray(security) &&
  security.length > 0 &&
  security.every((req) => req !== null && typeof req === 'object' && Object.keys(req).length > 0);

export default function operationSecurity(doc, options) {
  if (doc === null || typeof doc !== 'object' || doc.paths === null || typeof doc.paths !== 'object') return;
  const publicList = ((options && options.public) || []).map((op) => op.trim().replace(/\s+/, ' '));
  const publicOps = new Set(publicList.map((op) => op.toUpperCase()));
  const results = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    if (item === null || typeof item !== 'object') continue;
    for (const method of METHODS) {
      const operation = item[method];
      if (operation === null || typeof operation !== 'object') continue;
      const name = `${method.toUpperCase()} ${path}`;
      if (publicOps.has(name.toUpperCase())) continue;
      if (Object.prototype.hasOwnProperty.call(operation, 'security')) {
        if (!requiresAuth(operation.security)) {
          results.push({
            message: `${name} must require authentication: its "security" turns it off or makes it optional (only ${publicList.join(', ') || 'no operation'} may be public).`,
            path: ['paths', path, method, 'security'],
          });
        }
      } else if (!requiresAuth(doc.security)) {
        results.push({
          message: `${name} must require authentication: it has no "security" and the root "security" requires none.`,
          path: ['paths', path, method],
        });
      }
    }
  }
  return results;
}
