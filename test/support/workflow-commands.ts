/**
 * The workflow commands the GitHub runner would see in a step's output (actions/runner,
 * ActionCommand.cs and ActionCommandManager.cs): each line (split at \r, \n, \r\n, as .NET's
 * ReadLine splits) is first tried as `::name props::data` after leading blanks (a command when
 * the name is one the runner knows), else as the older `##[name]data`, found anywhere in it.
 * Read conservatively: the characters a culture-aware comparison may skip (controls, format
 * characters, default-ignorables) are dropped first, as if the runner skipped every one of them,
 * and any other line that starts with `::` counts too.
 */
const SKIPPABLE = /[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;

/** The commands the runner registers (its command extensions, and stop-commands). */
const REGISTERED = new Set([
  'set-env',
  'set-output',
  'save-state',
  'add-mask',
  'add-path',
  'add-matcher',
  'remove-matcher',
  'debug',
  'warning',
  'error',
  'notice',
  'group',
  'endgroup',
  'echo',
  'stop-commands',
]);

export interface WorkflowCommand {
  name: string;
  line: string;
}

export function workflowCommands(output: string): WorkflowCommand[] {
  return output.split(/\r\n|\r|\n/).flatMap((line) => {
    const seen = line.replace(SKIPPABLE, '').replace(/^[\s\u0085]+/u, '');
    const found: WorkflowCommand[] = [];
    if (seen.startsWith('::')) {
      const end = seen.indexOf('::', 2);
      const name = /^[^\s:]*/.exec(seen.slice(2))![0];
      found.push({ name, line });
      // A command the runner takes as such is not read again in the older form.
      if (end >= 0 && REGISTERED.has(seen.slice(2, end).split(' ')[0])) return found;
    }
    const v1 = seen.indexOf('##[');
    if (v1 >= 0) found.push({ name: /^[^\s\]]*/.exec(seen.slice(v1 + 3))![0], line });
    return found;
  });
}
