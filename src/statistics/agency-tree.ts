// The agencies' tree for the statistics scopes: an agency and every agency under it (a government's
// region), and the region a justice bureau supervises — its government and every agency under that
// government (the same rule as the engine directory's tenants, src/process-engine/engine-directory.ts).
export function agencyTree(agencies: readonly { id: string; parentId: string | null }[]) {
  const children = new Map<string, string[]>();
  for (const a of agencies) if (a.parentId) children.set(a.parentId, [...(children.get(a.parentId) ?? []), a.id]);
  const parentOf = new Map(agencies.map((a) => [a.id, a.parentId]));
  const subtree = (root: string): string[] => [root, ...(children.get(root) ?? []).flatMap(subtree)];
  const justiceBureauRegion = (justiceBureauAgency: string) => subtree(parentOf.get(justiceBureauAgency) ?? justiceBureauAgency);
  return { subtree, justiceBureauRegion };
}
