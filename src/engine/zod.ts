/**
 * The engine's zod. zod 4 probes for eval support (by making a function from a string) the first time
 * it checks an object, which a strict Content-Security-Policy reports as a violation; jitless mode never
 * does, and costs nothing on the engine's small option objects. The build also strips zod's code
 * generation from the bundles (scripts/build/vite-configs.mjs).
 */
import { config } from 'zod';

config({ jitless: true });

export { z } from 'zod';
