// Do-not-disturb hours (免打扰时段): non-urgent pushes wait until the window ends; urgent ones
// (overdue escalation, head unable to appear) and the silent in-app inbox go at once.

export interface DndWindow {
  /** 'HH:MM' local time */
  start: string;
  end: string;
  timeZone: string;
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

/** Local wall-clock minutes since midnight (and seconds/ms within the minute) in the zone. */
function localClock(instant: Date, timeZone: string): { minutes: number; secondsMs: number } {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(instant);
  const hour = Number(parts.find((p) => p.type === 'hour')!.value);
  const minute = Number(parts.find((p) => p.type === 'minute')!.value);
  return { minutes: hour * 60 + minute, secondsMs: instant.getTime() % 60_000 };
}

export function isWithinDnd(instant: Date, window: DndWindow): boolean {
  const start = minutesOf(window.start);
  const end = minutesOf(window.end);
  if (start === end) return false; // an empty window switches do-not-disturb off
  const { minutes } = localClock(instant, window.timeZone);
  // a window across midnight (22:00–07:30) or within one day (12:00–13:30)
  return start < end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
}

/** When a message held at `instant` may go: the window's end, or null when not inside it. */
export function dndReleaseTime(instant: Date, window: DndWindow): Date | null {
  if (!isWithinDnd(instant, window)) return null;
  const { minutes, secondsMs } = localClock(instant, window.timeZone);
  const untilEnd = (minutesOf(window.end) - minutes + 1440) % 1440;
  // Asia/Shanghai has no DST, so wall-clock minutes map 1:1 to elapsed minutes inside the window
  return new Date(instant.getTime() - secondsMs + untilEnd * 60_000);
}

/** The first instant a message may be sent: now, or the end of the window for a non-urgent push. */
export function earliestSendTime(instant: Date, window: DndWindow, options: { urgent: boolean; channel: string }): Date {
  if (options.urgent || options.channel === 'in-app') return instant;
  return dndReleaseTime(instant, window) ?? instant;
}
