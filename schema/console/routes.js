// The console's pages, chosen by the URL fragment:
//
//   #/                                     keyspaces
//   #/keyspaces/{ks}                       branches and deploy requests of a keyspace
//   #/keyspaces/{ks}/branches/{b}          a branch: diff against its parent, lint, schema
//   #/keyspaces/{ks}/deploy-requests/{id}  a deploy request: diff, lint, state,
//                                          per-shard progress, actions

// Links to the console's pages.
export const hrefKeyspace = (ks) => `#/keyspaces/${encodeURIComponent(ks)}`;
export const hrefBranch = (ks, b) => `${hrefKeyspace(ks)}/branches/${encodeURIComponent(b)}`;
export const hrefRequest = (ks, id) => `${hrefKeyspace(ks)}/deploy-requests/${encodeURIComponent(id)}`;
// The API path of a keyspace.
export const apiKeyspace = (ks) => `/api/keyspaces/${encodeURIComponent(ks)}`;

// The page for `hash` (location.hash): {view, ks?, branch?, id?}.
export function parseRoute(hash) {
  const parts = hash.replace(/^#\/?/, '').split('/').filter((p) => p !== '')
    .map(decodeURIComponent);
  if (parts.length === 0) return { view: 'keyspaces' };
  if (parts[0] === 'keyspaces' && parts.length === 2) return { view: 'keyspace', ks: parts[1] };
  if (parts[0] === 'keyspaces' && parts.length === 4 && parts[2] === 'branches') {
    return { view: 'branch', ks: parts[1], branch: parts[3] };
  }
  if (parts[0] === 'keyspaces' && parts.length === 4 && parts[2] === 'deploy-requests') {
    return { view: 'deploy-request', ks: parts[1], id: parts[3] };
  }
  return { view: 'not-found' };
}
