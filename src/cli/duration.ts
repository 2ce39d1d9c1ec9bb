/**
 * A DURATION as bfx's --since options take it: `90m`, `24h`, `7d`, or a bare whole number of days.
 * Pure: the command words its own refusal around a null.
 */
const MINUTES_PER = { m: 1, h: 60, d: 24 * 60 } as const;

/** The longest window: 100 years, far past any catalog, still a safe integer of minutes for every engine. */
export const MAX_DURATION_MINUTES = 100 * 366 * 24 * 60;

/** The minutes a DURATION stands for, or null when the text is not one (zero, negative, a fraction, another unit). */
export function durationMinutes(text: string): number | null {
  const match = /^\s*(\d{1,9})\s*([mhd]?)\s*$/i.exec(text);
  if (!match) return null;
  const unit = (match[2].toLowerCase() || 'd') as keyof typeof MINUTES_PER;
  const minutes = Number(match[1]) * MINUTES_PER[unit];
  return minutes > 0 && minutes <= MAX_DURATION_MINUTES ? minutes : null;
}
