/**
 * The one gate between text and a step's log. The runner reads the stdout and stderr of the
 * action's steps, and of bfx in a workflow's `run:` step, line by line for workflow commands
 * (actions/runner, ActionCommand.cs): a line that starts with `::` after blanks (`::add-mask::`,
 * `::error::`, `::stop-commands::`), and a line that holds `##[` anywhere (the older form, still
 * parsed). Package names, messages, run keys, variable names, row-count objects, audit details
 * and server errors are text that users or servers control: none of it may start a command. So
 * every line the action or bfx prints passes here (src/action/log.ts, src/cli/index.ts):
 *
 * - line breaks and other characters that do not show (controls, format characters and the other
 *   default-ignorable code points, which .NET's culture-aware comparisons skip, so that
 *   `:\u200B:error::` may still read as `::error::`) are written as escapes (`\n`, `\u200b`),
 *   so text can neither begin a line of its own nor hide a command in plain sight;
 * - a line that would still start with `::` gets a backslash before it (`\::error::...`);
 * - a `##[` is written `##\[`.
 *
 * The commands the action issues itself (add-mask, the annotations) are written by
 * @actions/core, which escapes their data; outputs, state and exported variables go through the
 * runner's files, not the log.
 */

/**
 * What does not show in a log line: controls, format characters, default-ignorables, U+2028/9.
 * Made with new RegExp on first use, not written as a literal: V8 checks a literal's syntax when
 * it parses the code around it (at start-up, for webpack's modules), and for these Unicode
 * properties ICU builds their sets then, about 4.5 million instructions of every step's start-up
 * (docs/performance.md) for log lines that are nearly always printable ASCII, which
 * PRINTABLE_ASCII lets through without it.
 */
let hidden: RegExp | undefined;
const HIDDEN = () =>
  (hidden ??= new RegExp(String.raw`[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\u2028\u2029]`, 'gu'));
/** Printable ASCII, where HIDDEN finds nothing. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
/** The same, with the line breaks of pretty-printed JSON, which logJson keeps. */
const PRINTABLE_ASCII_LINES = /^[\x20-\x7e\n]*$/;

/** A character as its \uXXXX escape(s), one per UTF-16 unit: valid in JSON too. */
const escapeUnits = (char: string) =>
  [...Array(char.length).keys()].map((i) => `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`).join('');

/**
 * Text a user or a server controls, on one line: line breaks and every character that does not
 * show are written escaped, so a value can neither break a listing nor begin a line of its own.
 */
export function oneLine(text: string): string {
  if (PRINTABLE_ASCII.test(text)) return text;
  return text.replace(HIDDEN(), (char) => {
    switch (char) {
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      default:
        return escapeUnits(char);
    }
  });
}

/** One line of the log (a message, a sentence), whatever it holds: it starts no workflow command. */
export function logLine(text: string): string {
  const visible = oneLine(text);
  const unstarted = /^\s*::/.test(visible) ? visible.replace(':', '\\:') : visible;
  return unstarted.replaceAll('##[', '##\\[');
}

/** Text of several lines (a listing): each line made a logLine, the line breaks kept. */
export function logText(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map(logLine)
    .join('\n');
}

/**
 * A value as JSON for the log, the same value to any JSON parser: what does not show and `##[`
 * are written as \u escapes inside their strings (JSON.stringify already escapes line breaks),
 * and no line of pretty-printed JSON starts with `::`.
 */
export function logJson(value: unknown): string {
  // A raw line break is the layout's: in a string JSON.stringify has escaped it.
  const json = JSON.stringify(value, null, 2) ?? 'null';
  return (
    PRINTABLE_ASCII_LINES.test(json)
      ? json
      : json.replace(HIDDEN(), (char) => (char === '\n' ? char : escapeUnits(char)))
  ).replaceAll('##[', '##\\u005b');
}
