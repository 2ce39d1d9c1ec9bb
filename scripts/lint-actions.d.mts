// Types of scripts/lint-actions.mjs, for test/workflows.test.ts.
export interface Finding {
  file: string;
  line: number;
  column: number;
  message: string;
  kind: string;
}
export const ROOT: string;
export const PUBLIC_NAME: string;
export const ACTION_FILES: string[];
export function workflowFiles(root?: string): string[];
export function actionlint(files?: string[], root?: string): Promise<Finding[]>;
export function checkActionMetadata(file: string, root?: string): Finding[];
export function checkLocalUses(files?: string[], root?: string): Finding[];
export function lintAll(root?: string): Promise<Finding[]>;
export function formatFinding(finding: Finding): string;
