/**
 * How long ago, as operators write it: `90m`, `24h`, `7d`, or a bare number of days. Used by
 * bfx runs, bfx history and bfx report --since (docs: README, CLI).
 */
import { BfxError } from '../errors.js';

const MINUTES_PER: Record<string, number> = { m: 1, h: 60, d: 24 * 60 };

/** Ten years: longer spans are a typo, and the catalog's date arithmetic stays in range. */
export const MAX_DURATION_MINUTES = 10 * 365 * 24 * 60;

/** A DURATION in whole minutes; anything else is refused with one sentence naming the option. */
export function durationMinutes(raw: string, option: string, command: string): number {
  const match = /^(\d{1,9})([mhd]?)$/i.exec(raw.trim());
  const minutes = match ? Number(match[1]) * MINUTES_PER[(match[2] || 'd').toLowerCase()] : NaN;
  if (!match || minutes < 1 || minutes > MAX_DURATION_MINUTES) {
    throw new BfxError(
      `The ${option} "${raw}" is not a duration, so bfx ${command} did nothing: ` +
        'give minutes, hours or days such as 90m, 24h or 7d (a bare number is days), up to ten years.',
    );
  }
  return minutes;
}
