// Types of scripts/random-uuid.mjs.
export function randomUUID(): string;
