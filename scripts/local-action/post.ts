/** The post step for `npm run local-action`: ends the execution main began (see main.ts). */
import { runStep } from '../../src/action/failure.js';
import { runPost } from '../../src/action/post.js';

export function run(): Promise<void> {
  return runStep(runPost);
}
