// Types of scripts/release.mjs, for test/release.test.ts.
export const ROOT: string;
export const PLACEHOLDER: string;
export class ReleaseError extends Error {}
export function changelogSection(changelog: string, version: string): { heading: string; body: string } | undefined;
export function checkRelease(version: string, root?: string, tags?: string[]): string[];
export function shippedWorkflows(root?: string): { reusable: string[]; examples: string[] };
export function nameRepository(text: string, repository: string, ref: string): string;
export function writeRepositoryName(repository: string, version: string, root?: string): string[];
