/**
 * The one bundle behind action.yml's main and post: the main step leaves a state behind, so the
 * same file knows, when the runner starts it again for the post step, that it is the post step.
 */
import * as core from '@actions/core';
import { runStep } from './failure.js';
import { runMain } from './main.js';
import { runPost } from './post.js';

const STATE_IS_POST = 'isPost';

if (core.getState(STATE_IS_POST) === 'true') {
  await runStep(runPost);
} else {
  core.saveState(STATE_IS_POST, 'true');
  await runStep(runMain);
}
