/** The bundle behind end/action.yml. */
import { runEnd } from './end.js';
import { runStep } from './failure.js';

await runStep(runEnd);
