import type { Migration } from '../migrate.js';

/**
 * The farm (DESIGN "Farm…: the API contract"):
 * - `zones`: the tree (site → room → rack → shelf, or plain zones), each optionally an HA area,
 *   with the zone's own `water_lock` (children inherit it when they have none).
 * - `zone_members`: keyed by entity, which is what makes "an entity belongs to at most one zone"
 *   hold even under concurrent writes.
 * - `recipes` and `recipe_versions`: a saved version is never rewritten; `recipes.version` is the
 *   newest. A deleted recipe keeps its versions (`deleted_at`), so finished grows still show theirs.
 * - `grows`, and `schedules.grow_id`: the grow a schedule was materialised by. No foreign key on
 *   `grows.zone_id`: a zone may be deleted once its grows are over, and their history stays.
 */
export const farm: Migration = {
  version: 6,
  name: '006-farm',
  up(db) {
    db.exec(`
      CREATE TABLE zones (
        id          TEXT PRIMARY KEY,
        name        TEXT NOT NULL,
        kind        TEXT NOT NULL,
        parent_id   TEXT REFERENCES zones(id),
        area_id     TEXT,
        water_lock  TEXT,
        version     INTEGER NOT NULL,
        created_at  INTEGER NOT NULL,
        updated_at  INTEGER NOT NULL
      );
      CREATE INDEX zones_parent ON zones(parent_id);

      CREATE TABLE zone_members (
        entity_id  TEXT PRIMARY KEY,
        zone_id    TEXT NOT NULL REFERENCES zones(id) ON DELETE CASCADE,
        role       TEXT NOT NULL,
        position   INTEGER NOT NULL
      );
      CREATE INDEX zone_members_zone ON zone_members(zone_id, position);

      CREATE TABLE recipes (
        id          TEXT PRIMARY KEY,
        version     INTEGER NOT NULL,
        created_at  INTEGER NOT NULL,
        updated_at  INTEGER NOT NULL,
        deleted_at  INTEGER
      );
      CREATE TABLE recipe_versions (
        recipe_id    TEXT NOT NULL REFERENCES recipes(id),
        version      INTEGER NOT NULL,
        name         TEXT NOT NULL,
        description  TEXT NOT NULL,
        phases       TEXT NOT NULL,
        created_at   INTEGER NOT NULL,
        PRIMARY KEY (recipe_id, version)
      );

      CREATE TABLE grows (
        id              TEXT PRIMARY KEY,
        name            TEXT NOT NULL,
        zone_id         TEXT NOT NULL,
        recipe_id       TEXT NOT NULL,
        recipe_version  INTEGER NOT NULL,
        start_date      TEXT NOT NULL,
        timezone        TEXT NOT NULL,
        status          TEXT NOT NULL,
        watering_role   TEXT NOT NULL,
        notified_phase  INTEGER NOT NULL DEFAULT -1,
        ended_at        INTEGER,
        version         INTEGER NOT NULL,
        created_at      INTEGER NOT NULL,
        updated_at      INTEGER NOT NULL,
        FOREIGN KEY (recipe_id, recipe_version) REFERENCES recipe_versions(recipe_id, version)
      );
      CREATE INDEX grows_zone ON grows(zone_id);
      CREATE INDEX grows_recipe ON grows(recipe_id);

      ALTER TABLE schedules ADD COLUMN grow_id TEXT;
      CREATE INDEX schedules_grow ON schedules(grow_id) WHERE grow_id IS NOT NULL;
    `);
  },
};
