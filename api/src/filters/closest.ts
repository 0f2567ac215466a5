/** Suggestions for a misspelt value: the known values nearest by edit distance (fastest-levenshtein). */
import { distance } from 'fastest-levenshtein';

/**
 * The `n` known values closest to `value` by Levenshtein distance, ignoring
 * case (so "North" suggests "north" first); ties in alphabetical order.
 */
export function closestValues(value: string, known: Iterable<string>, n = 3): string[] {
  const target = value.toLowerCase();
  return [...new Set(known)]
    .map((candidate) => ({ candidate, d: distance(target, candidate.toLowerCase()) }))
    .sort(
      (a, b) => a.d - b.d || (a.candidate < b.candidate ? -1 : a.candidate > b.candidate ? 1 : 0),
    )
    .slice(0, n)
    .map((c) => c.candidate);
}
