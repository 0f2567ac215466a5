import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { printedSdl, SDL_PATH } from './schema.ts';

describe('api/schema.graphql', () => {
  it('matches the schema the code builds (run `pnpm sdl` after changing types)', async () => {
    expect(readFileSync(SDL_PATH, 'utf8')).toBe(await printedSdl());
  });
});
