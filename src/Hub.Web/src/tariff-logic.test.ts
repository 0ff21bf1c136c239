import { describe, expect, it } from "vitest";
import { describePeriods, describeWeekdays, minuteOf, nextPeriod, periodsOf, timeOf, toggleWeekday, wholeWeek } from "./tariff-logic";

describe("tariff form", () => {
  it("reads an end of 00:00 as the coming midnight, and a start of 00:00 as the day's first minute", () => {
    expect(minuteOf("00:00", true)).toBe(1440);
    expect(minuteOf("00:00", false)).toBe(0);
    expect(minuteOf("07:30", true)).toBe(450);
    expect(minuteOf("", false)).toBeNaN();
    expect(timeOf(1440)).toBe("00:00");
    expect(timeOf(420)).toBe("07:00");
  });

  it("turns drafts into the API's periods, leaving an empty price for the API to refuse", () => {
    const weekdays = toggleWeekday(toggleWeekday(127, 5), 6);
    expect(weekdays).toBe(31);
    expect(periodsOf([{ weekdays, start: "07:00", end: "00:00", price: "0.3" }]))
      .toEqual([{ weekdays: 31, startMinute: 420, endMinute: 1440, pricePerKwh: 0.3 }]);
    expect(periodsOf([{ ...wholeWeek(), price: " " }])[0].pricePerKwh).toBeNaN();
  });

  it("starts a new period where the last one ends, on its days", () => {
    expect(nextPeriod({ weekdays: 31, start: "00:00", end: "07:00", price: "0.1" })).toEqual({ weekdays: 31, start: "07:00", end: "00:00", price: "" });
    expect(nextPeriod(undefined)).toEqual(wholeWeek());
  });

  it("describes flat and time-of-use tariffs and weekday sets", () => {
    const flat = { id: 1, validFrom: "2020-01-01", currency: "EUR", dailyFee: 0, periods: [{ weekdays: 127, startMinute: 0, endMinute: 1440, pricePerKwh: 0.25 }] };
    expect(describePeriods(flat)).toBe("0.25 EUR/kWh, flat");
    expect(describePeriods({ ...flat, periods: [{ ...flat.periods[0], endMinute: 420, pricePerKwh: 0.1 }, { ...flat.periods[0], startMinute: 420, pricePerKwh: 0.3 }] }))
      .toBe("2 time-of-use periods, 0.1–0.3 EUR/kWh");
    expect(describeWeekdays(96)).toBe("Sat, Sun");
    expect(describeWeekdays(127)).toBe("every day");
  });
});
