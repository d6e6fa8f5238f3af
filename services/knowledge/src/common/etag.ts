export function formatEtag(rowVersion: number): string {
  return `"${rowVersion}"`;
}
