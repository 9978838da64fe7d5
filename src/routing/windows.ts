/**
 * Fixed, UTC-aligned rate-limit windows. second/minute/hour/day: epoch-aligned blocks of
 * `size` units; week: ISO weeks (Monday 00:00 UTC) in blocks of `size` from 1970-01-05;
 * month: calendar months in blocks of `size` from year 0. Pure.
 */
export type WindowUnit = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month';

export interface WindowSpec {
  unit: WindowUnit;
  size: number;
}

export interface WindowSlot {
  /** Stable key of the window containing `now`: unit, size and the window's start (epoch ms). */
  key: string;
  start: number;
  end: number;
}

const UNIT_MS: Record<Exclude<WindowUnit, 'month' | 'week'>, number> = { second: 1_000, minute: 60_000, hour: 3_600_000, day: 86_400_000 };
const WEEK_MS = 7 * 86_400_000;
const FIRST_MONDAY = Date.UTC(1970, 0, 5);

export function windowSlot(spec: WindowSpec, now: number): WindowSlot {
  const size = Math.max(1, Math.floor(spec.size));
  if (spec.unit === 'month') {
    const d = new Date(now);
    const index = Math.floor((d.getUTCFullYear() * 12 + d.getUTCMonth()) / size) * size;
    const start = Date.UTC(Math.floor(index / 12), index % 12, 1);
    const end = Date.UTC(Math.floor((index + size) / 12), (index + size) % 12, 1);
    return { key: `month:${size}:${start}`, start, end };
  }
  const [unitMs, origin] = spec.unit === 'week' ? [WEEK_MS, FIRST_MONDAY] : [UNIT_MS[spec.unit], 0];
  const span = unitMs * size;
  const start = origin + Math.floor((now - origin) / span) * span;
  return { key: `${spec.unit}:${size}:${start}`, start, end: start + span };
}

/** Retry-After as seconds or an HTTP date, in ms from `now`; capped at 24 h. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value.trim());
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - now;
  if (!Number.isFinite(ms) || ms < 0) return undefined;
  return Math.min(ms, 86_400_000);
}
