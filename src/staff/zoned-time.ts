/**
 * A datetime-local field's value ("2027-03-08T10:00") read in the deployment's time zone, as staff mean it. The
 * zone's offset at that moment comes from Intl; read once more at the corrected time, so a change of summer time
 * between the two is taken into account.
 */
export function localToUtc(local: string, timeZone: string): Date {
  const asUtc = Date.parse(`${local}:00Z`);
  const offset = (at: number) => {
    const parts = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    }).formatToParts(at);
    const p = Object.fromEntries(parts.map((x) => [x.type, Number(x.value)]));
    return Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day, p.hour, p.minute, p.second) - at;
  };
  const first = asUtc - offset(asUtc);
  return new Date(asUtc - offset(first));
}
