/**
 * The action's two programs in the bundle (src/programs.ts): action.yml's main and post steps, and
 * end/action.yml. The main and post steps are one file: the main step leaves a state behind, so
 * the same file knows, when the runner starts it again for the post step, that it is the post step.
 */
import { runEnd } from './end.js';
import { runStep } from './failure.js';
import { runMain } from './main.js';
import { runPost } from './post.js';
import { isPost, saveIsPost } from './state.js';

export { writeLogDirectly } from './log.js';

/** action.yml's main and post steps (dist/main/index.js). */
export async function runMainOrPost(): Promise<void> {
  if (isPost()) {
    await runStep(runPost);
  } else {
    saveIsPost();
    await runStep(runMain);
  }
}

/** end/action.yml (dist/end/index.js). */
export async function runEndAction(): Promise<void> {
  await runStep(runEnd);
}
