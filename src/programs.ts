/**
 * The one bundle behind dist/ (scripts/build.mjs): the action's main and post steps, the end
 * action and the bfx CLI share it, so the code they share and the catalog drivers ship once.
 * dist/main, dist/end, dist/report and dist/cli each hold an entry file of two statements, written by the
 * build: `import { programs } from '../index.js'` and `await programs.NAME()`. Nothing runs until
 * one of these is called.
 *
 * The action's code is in the bundle's main file ("eager": evaluated only when called, but not a
 * chunk of its own), so the main step, whose start-up is measured, loads one file besides its
 * engine: as a chunk, webpack split it further (@actions/core into a chunk of its own) and the
 * step read three. The CLI is a chunk, which the action's steps never read.
 */
export const programs = {
  /** action.yml's main and post steps: dist/main/index.js. */
  main: async () => {
    const action = await import(/* webpackMode: "eager" */ './action/index.js');
    action.writeLogDirectly();
    await action.runMainOrPost();
  },
  /** end/action.yml: dist/end/index.js. */
  end: async () => {
    const action = await import(/* webpackMode: "eager" */ './action/index.js');
    action.writeLogDirectly();
    await action.runEndAction();
  },
  /** report/action.yml: dist/report/index.js. A chunk: the begin and end steps never read it. */
  report: async () => (await import('./action/report.js')).runReportAction(),
  /** The bfx command, package.json's bin: dist/cli/index.js. It runs when its module is evaluated. */
  cli: async () => {
    await import('./cli/index.js');
  },
};
