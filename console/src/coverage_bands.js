// Which colour a place gets on the coverage layer, from GET /api/coverage's "uncovered" entry
// for it (absent = within the limit): "within", "near" (up to nearMinutes over) or "beyond"
// (further, off road, or unreachable).
export const nearMinutes = 5;

export function coverageBand(uncovered, limitMin) {
  if (!uncovered) return 'within';
  const t = uncovered.time_min;
  if (t === null || t === undefined || uncovered.off_road) return 'beyond';
  return t <= limitMin + nearMinutes ? 'near' : 'beyond';
}
