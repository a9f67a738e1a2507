// The GraphQL-over-HTTP server audit (graphql-http, as its authors ship it), run against
// a live app. Usage: node audit.mjs URL TOKEN. Prints one JSON line per audit result:
// {"id", "name", "status", "reason"}; the caller decides what passes.
import { auditServer } from 'graphql-http';

const [url, token] = process.argv.slice(2);
const authorised = (input, init = {}) =>
  fetch(input, { ...init, headers: { ...init.headers, Authorization: `Bearer ${token}` } });
const results = await auditServer({ url, fetchFn: authorised });
for (const result of results) {
  const reason = result.status === 'ok' ? null : result.reason;
  console.log(JSON.stringify({ id: result.id, name: result.name, status: result.status, reason }));
}
