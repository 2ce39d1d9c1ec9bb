// Written by scripts/build.mjs: report/action.yml. The code is in ../index.js, one bundle
// shared by the action's steps, the end action and the CLI (see src/programs.ts).
import { programs } from '../index.js';
await programs.report();
