import type { TariffPeriod, TariffView } from "./types";

export const weekdayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;
export const everyDay = 127;
const dayMinutes = 1440;

/** One period as the form holds it: times as the time inputs give them ("HH:MM"), the price as typed. */
export interface PeriodDraft {
  weekdays: number;
  start: string;
  end: string;
  price: string;
}

export const wholeWeek = (): PeriodDraft => ({ weekdays: everyDay, start: "00:00", end: "00:00", price: "" });

/** A new period carries on where the last one ends, on the same days, until midnight. */
export function nextPeriod(last: PeriodDraft | undefined): PeriodDraft {
  return last ? { weekdays: last.weekdays, start: last.end, end: "00:00", price: "" } : wholeWeek();
}

/**
 * Minutes after local midnight. A time input cannot say 24:00, so an end of 00:00 means the coming midnight; an
 * unreadable time becomes NaN, which JSON sends as null and the API refuses with its reason.
 */
export function minuteOf(time: string, isEnd: boolean): number {
  const m = /^(\d{2}):(\d{2})/.exec(time);
  if (!m) return Number.NaN;
  const minute = Number(m[1]) * 60 + Number(m[2]);
  return isEnd && minute === 0 ? dayMinutes : minute;
}

export function timeOf(minute: number): string {
  const m = minute % dayMinutes;
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}

export function toggleWeekday(weekdays: number, day: number): number {
  return weekdays ^ (1 << day);
}

export function periodsOf(drafts: readonly PeriodDraft[]): TariffPeriod[] {
  return drafts.map((d) => ({
    weekdays: d.weekdays,
    startMinute: minuteOf(d.start, false),
    endMinute: minuteOf(d.end, true),
    pricePerKwh: d.price.trim() === "" ? Number.NaN : Number(d.price),
  }));
}

export function describeWeekdays(mask: number): string {
  if (mask === everyDay) return "every day";
  return weekdayNames.filter((_, day) => (mask & (1 << day)) !== 0).join(", ");
}

export function describePeriods(t: TariffView): string {
  const [first] = t.periods;
  if (t.periods.length === 1 && first.weekdays === everyDay && first.startMinute === 0 && first.endMinute === dayMinutes) {
    return `${first.pricePerKwh} ${t.currency}/kWh, flat`;
  }
  return `${t.periods.length} time-of-use periods, ${Math.min(...t.periods.map((p) => p.pricePerKwh))}–`
    + `${Math.max(...t.periods.map((p) => p.pricePerKwh))} ${t.currency}/kWh`;
}
