/** The words of `describeTrigger`, per language. English is the fallback for any other locale. */
import type { SunEvent } from '../domain/trigger.js';

export interface DescribeStrings {
  /** Joins a list: "a, b and c". */
  and: string;
  or: string;
  at: (times: string) => string;
  once: (date: string, time: string) => string;
  /** Interval units, singular and plural. */
  every: (count: number, unit: 'second' | 'minute' | 'hour' | 'day') => string;
  from: (text: string) => string;
  everyDay: string;
  everyNDays: (n: number) => string;
  everyWeekday: string;
  everyNamed: (days: string) => string;
  weekdays: readonly string[];
  months: readonly string[];
  ordinal: (n: number) => string;
  lastDay: string;
  onDays: (days: string) => string;
  inMonths: (months: string) => string;
  sun: Record<SunEvent, string>;
  notBefore: (time: string) => string;
  notAfter: (time: string) => string;
  hours: string;
  minutes: string;
  seconds: string;
}

function englishOrdinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

const EN_UNITS = { second: 'second', minute: 'minute', hour: 'hour', day: 'day' } as const;
const DE_UNITS = {
  second: ['Sekunde', 'Sekunden'],
  minute: ['Minute', 'Minuten'],
  hour: ['Stunde', 'Stunden'],
  day: ['Tag', 'Tage'],
} as const;

export const EN: DescribeStrings = {
  and: 'and',
  or: 'or',
  at: (times) => `at ${times}`,
  once: (date, time) => `once on ${date} at ${time}`,
  every: (count, unit) => (count === 1 ? `every ${EN_UNITS[unit]}` : `every ${count} ${EN_UNITS[unit]}s`),
  from: (text) => `from ${text}`,
  everyDay: 'every day',
  everyNDays: (n) => (n === 1 ? 'every day' : `every ${n} days`),
  everyWeekday: 'every weekday',
  everyNamed: (days) => `every ${days}`,
  weekdays: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  ordinal: englishOrdinal,
  lastDay: 'last day',
  onDays: (days) => `on the ${days} of the month`,
  inMonths: (months) => `in ${months}`,
  sun: { sunrise: 'sunrise', sunset: 'sunset', dawn: 'dawn', dusk: 'dusk', solar_noon: 'solar noon' },
  notBefore: (time) => `not before ${time}`,
  notAfter: (time) => `not after ${time}`,
  hours: 'h',
  minutes: 'min',
  seconds: 's',
};

export const DE: DescribeStrings = {
  and: 'und',
  or: 'oder',
  at: (times) => `um ${times}`,
  once: (date, time) => `einmalig am ${date} um ${time}`,
  every: (count, unit) => {
    const [one, many] = DE_UNITS[unit];
    if (count !== 1) return `alle ${count} ${many}`;
    return unit === 'day' ? 'jeden Tag' : `jede ${one}`;
  },
  from: (text) => `ab ${text}`,
  everyDay: 'täglich',
  everyNDays: (n) => (n === 1 ? 'täglich' : `alle ${n} Tage`),
  everyWeekday: 'jeden Werktag (Mo–Fr)',
  everyNamed: (days) => `jeden ${days}`,
  weekdays: ['Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag', 'Sonntag'],
  months: ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'],
  ordinal: (n) => `${n}.`,
  lastDay: 'letzten Tag',
  onDays: (days) => `am ${days} des Monats`,
  inMonths: (months) => `im ${months}`,
  sun: { sunrise: 'Sonnenaufgang', sunset: 'Sonnenuntergang', dawn: 'Morgendämmerung', dusk: 'Abenddämmerung', solar_noon: 'Sonnenhöchststand' },
  notBefore: (time) => `nicht vor ${time}`,
  notAfter: (time) => `nicht nach ${time}`,
  hours: 'Std.',
  minutes: 'Min.',
  seconds: 's',
};
