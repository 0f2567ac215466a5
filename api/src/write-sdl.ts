/** `pnpm sdl`: write the printed SDL to api/schema.graphql (the sdl test fails when it drifts). */
import { writeFileSync } from 'node:fs';
import { printedSdl, SDL_PATH } from './schema.ts';

writeFileSync(SDL_PATH, await printedSdl());
console.log(`wrote ${SDL_PATH}`);
