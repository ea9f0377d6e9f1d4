/**
 * The zones repository: the farm's tree and its members (STYLE §11: rows in, domain `Zone`s out).
 * Members are written as a whole per zone, in the order the user arranged them.
 */
import type { Zone, ZoneKind, ZoneMember, ZoneRole } from '../domain/zone.js';
import type { Db } from './db.js';

interface ZoneRow {
  id: string;
  name: string;
  kind: string;
  parent_id: string | null;
  area_id: string | null;
  water_lock: string | null;
  version: number;
  created_at: number;
  updated_at: number;
}

interface MemberRow {
  entity_id: string;
  zone_id: string;
  role: string;
  position: number;
}

function fromRow(r: ZoneRow, members: ZoneMember[]): Zone {
  return { ...r, kind: r.kind as ZoneKind, members };
}

export class ZoneRepository {
  private readonly allStmt;
  private readonly membersStmt;
  private readonly insertStmt;
  private readonly updateStmt;
  private readonly deleteStmt;
  private readonly clearMembersStmt;
  private readonly insertMemberStmt;

  constructor(db: Db) {
    this.allStmt = db.prepare<[], ZoneRow>('SELECT * FROM zones ORDER BY name COLLATE NOCASE, id');
    this.membersStmt = db.prepare<[], MemberRow>('SELECT * FROM zone_members ORDER BY zone_id, position');
    this.insertStmt = db.prepare(
      `INSERT INTO zones (id, name, kind, parent_id, area_id, water_lock, version, created_at, updated_at)
       VALUES (@id, @name, @kind, @parent_id, @area_id, @water_lock, @version, @created_at, @updated_at)`,
    );
    this.updateStmt = db.prepare(
      `UPDATE zones SET name = @name, kind = @kind, parent_id = @parent_id, area_id = @area_id, water_lock = @water_lock,
         version = @version, updated_at = @updated_at WHERE id = @id`,
    );
    this.deleteStmt = db.prepare<[string]>('DELETE FROM zones WHERE id = ?');
    this.clearMembersStmt = db.prepare<[string]>('DELETE FROM zone_members WHERE zone_id = ?');
    this.insertMemberStmt = db.prepare('INSERT INTO zone_members (entity_id, zone_id, role, position) VALUES (@entity_id, @zone_id, @role, @position)');
  }

  /** Every zone with its members (the tree is small: it is held in memory by farm/zone-tree.ts). */
  all(): Zone[] {
    const members = new Map<string, ZoneMember[]>();
    for (const m of this.membersStmt.all()) {
      const list = members.get(m.zone_id) ?? [];
      list.push({ entity_id: m.entity_id, role: m.role as ZoneRole });
      members.set(m.zone_id, list);
    }
    return this.allStmt.all().map((r) => fromRow(r, members.get(r.id) ?? []));
  }

  insert(zone: Zone): void {
    this.insertStmt.run(toRow(zone));
    this.writeMembers(zone);
  }

  update(zone: Zone): void {
    this.updateStmt.run(toRow(zone));
    this.writeMembers(zone);
  }

  /** Deletes the zone and its members. */
  delete(id: string): void {
    this.clearMembersStmt.run(id);
    this.deleteStmt.run(id);
  }

  private writeMembers(zone: Zone): void {
    this.clearMembersStmt.run(zone.id);
    zone.members.forEach((m, position) => this.insertMemberStmt.run({ entity_id: m.entity_id, zone_id: zone.id, role: m.role, position }));
  }
}

function toRow(z: Zone): ZoneRow {
  const { members: _members, ...row } = z;
  return row;
}
