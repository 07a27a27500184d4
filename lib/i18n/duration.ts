/**
 * A duration as the learner reads it: seconds under a minute, minutes and seconds under an
 * hour, hours and minutes beyond ("30 s", "3 min 20 s", "1 h 5 min"), through the catalogue's
 * `time.duration` message, which takes these parts. Pure, safe in client components.
 */
export function durationParts(seconds: number): { h: number; m: number; s: number } {
  const whole = Math.max(0, Math.floor(Number.isFinite(seconds) ? seconds : 0));
  return { h: Math.floor(whole / 3600), m: Math.floor((whole % 3600) / 60), s: whole % 60 };
}
