// The project's vitest configuration with the shipping tests' browser commands added to the
// components project: what vite.config.ts does once they are wired there. Used to run
// test/components/{bundle,embedding,demo}*.test.ts on their own.
import base from '../../vite.config.js';
import { shipCommands } from '../../test/support/build-commands.js';

const projects = base.test!.projects as { test: { name: string; browser?: Record<string, unknown> } }[];
for (const project of projects) {
  if (project.test.name === 'components') project.test.browser = { ...project.test.browser, commands: shipCommands };
}

export default base;
