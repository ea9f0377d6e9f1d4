/**
 * Where Almanac keeps its data: `DATA_DIR`, else the add-on's private, backed-up folder under the
 * Supervisor, else `./data`. Its own module, free of imports, because the bundle's launcher needs
 * it before any of Almanac's code is loaded (the code cache lives there).
 */
const SUPERVISOR_DATA_DIR = '/data';
const LOCAL_DATA_DIR = './data';

/** The data folder for an environment; DATA_DIR wins, an empty value counts as unset. */
export function dataDirOf(env: Record<string, string | undefined>): string {
  return env.DATA_DIR || (env.SUPERVISOR_TOKEN ? SUPERVISOR_DATA_DIR : LOCAL_DATA_DIR);
}
