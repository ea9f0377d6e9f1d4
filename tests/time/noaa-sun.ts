/**
 * An independent reference for sun times: the NOAA Solar Calculator's equations
 * (NOAA Global Monitoring Laboratory, "NOAA_Solar_Calculations_day.xls", after Meeus,
 * https://gml.noaa.gov/grad/solcalc/calcdetails.html), iterated so the declination and equation of
 * time are taken at the event itself. Different code from suncalc, same astronomy: the two agree
 * within a minute at mid latitudes.
 */
const RAD = Math.PI / 180;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** Apparent sunrise/sunset: 90° plus 34′ refraction and 16′ solar radius. */
export const ZENITH_SUNRISE = 90.833;
/** Civil twilight: the sun 6° below the horizon. */
export const ZENITH_CIVIL = 96;
const ITERATIONS = 4;

function sunAt(ms: number): { declination: number; equationOfTime: number } {
  const jc = (ms / DAY_MS + 2440587.5 - 2451545) / 36525;
  const l0 = (280.46646 + jc * (36000.76983 + jc * 0.0003032)) % 360;
  const m = 357.52911 + jc * (35999.05029 - 0.0001537 * jc);
  const e = 0.016708634 - jc * (0.000042037 + 0.0000001267 * jc);
  const c = Math.sin(m * RAD) * (1.914602 - jc * (0.004817 + 0.000014 * jc))
    + Math.sin(2 * m * RAD) * (0.019993 - 0.000101 * jc) + Math.sin(3 * m * RAD) * 0.000289;
  const omega = 125.04 - 1934.136 * jc;
  const lambda = l0 + c - 0.00569 - 0.00478 * Math.sin(omega * RAD);
  const eps0 = 23 + (26 + (21.448 - jc * (46.815 + jc * (0.00059 - jc * 0.001813))) / 60) / 60;
  const eps = eps0 + 0.00256 * Math.cos(omega * RAD);
  const declination = Math.asin(Math.sin(eps * RAD) * Math.sin(lambda * RAD)) / RAD;
  const y = Math.tan((eps / 2) * RAD) ** 2;
  const equationOfTime = 4 / RAD * (y * Math.sin(2 * l0 * RAD) - 2 * e * Math.sin(m * RAD)
    + 4 * e * y * Math.sin(m * RAD) * Math.cos(2 * l0 * RAD)
    - 0.5 * y * y * Math.sin(4 * l0 * RAD) - 1.25 * e * e * Math.sin(2 * m * RAD));
  return { declination, equationOfTime };
}

/** Solar noon of a date (UTC midnight of the local date, ms) at a longitude (east positive). */
export function noaaSolarNoon(dateUtcMidnight: number, longitude: number): number {
  let t = dateUtcMidnight + (720 - 4 * longitude) * MINUTE_MS;
  for (let i = 0; i < ITERATIONS; i++) t = dateUtcMidnight + (720 - 4 * longitude - sunAt(t).equationOfTime) * MINUTE_MS;
  return t;
}

/** Rising or setting at a zenith angle on a date, or null when the sun does not cross it. */
export function noaaEvent(dateUtcMidnight: number, latitude: number, longitude: number, zenith: number, rising: boolean): number | null {
  let t = noaaSolarNoon(dateUtcMidnight, longitude);
  for (let i = 0; i < ITERATIONS; i++) {
    const { declination, equationOfTime } = sunAt(t);
    const cosH = Math.cos(zenith * RAD) / (Math.cos(latitude * RAD) * Math.cos(declination * RAD))
      - Math.tan(latitude * RAD) * Math.tan(declination * RAD);
    if (Math.abs(cosH) > 1) return null;
    const hourAngle = Math.acos(cosH) / RAD;
    t = dateUtcMidnight + (720 - 4 * (longitude + (rising ? hourAngle : -hourAngle)) - equationOfTime) * MINUTE_MS;
  }
  return t;
}
