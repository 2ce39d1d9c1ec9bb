/**
 * The randomUUID() the build gives @actions/core for the delimiters of GITHUB_OUTPUT and
 * GITHUB_STATE entries (scripts/random-uuid.mjs): version 4 UUIDs, as node:crypto's, never the same.
 */
import { describe, expect, it } from 'vitest';
import { randomUUID } from '../scripts/random-uuid.mjs';

describe('randomUUID without node:crypto', () => {
  it('gives version 4 UUIDs of the RFC 9562 variant, each different', () => {
    const uuids = Array.from({ length: 1000 }, () => randomUUID());
    for (const uuid of uuids)
      expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(uuids).size).toBe(uuids.length);
  });
});
