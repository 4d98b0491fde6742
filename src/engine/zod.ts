/**
 * The engine's zod. zod 4 probes for `eval` support with `Function('')` the first time it checks an
 * object, which a strict Content-Security-Policy reports as a violation; jitless mode never does, and
 * costs nothing on the engine's small option objects.
 */
import { config } from 'zod';

config({ jitless: true });

export { z } from 'zod';
