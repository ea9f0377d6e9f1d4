/**
 * The recipes repository. A recipe row holds its newest version number; every saved version is
 * its own row in `recipe_versions` and is never rewritten. Deleting a recipe only marks it, so the
 * versions finished grows used stay readable.
 */
import type { Phase, Recipe, RecipeVersion } from '../domain/recipe.js';
import type { Db } from './db.js';

interface RecipeRow {
  id: string;
  version: number;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
  name: string;
  description: string;
  phases: string;
}

interface VersionRow {
  recipe_id: string;
  version: number;
  name: string;
  description: string;
  phases: string;
  created_at: number;
}

function versionFrom(r: VersionRow): RecipeVersion {
  return { ...r, phases: JSON.parse(r.phases) as Phase[] };
}

function recipeFrom(r: RecipeRow): Recipe {
  return { id: r.id, name: r.name, description: r.description, version: r.version, phases: JSON.parse(r.phases) as Phase[], created_at: r.created_at, updated_at: r.updated_at };
}

const CURRENT = `SELECT r.id, r.version, r.created_at, r.updated_at, r.deleted_at, v.name, v.description, v.phases
  FROM recipes r JOIN recipe_versions v ON v.recipe_id = r.id AND v.version = r.version`;

export class RecipeRepository {
  private readonly listStmt;
  private readonly getStmt;
  private readonly versionStmt;
  private readonly versionsStmt;
  private readonly insertStmt;
  private readonly bumpStmt;
  private readonly insertVersionStmt;
  private readonly deleteStmt;

  constructor(db: Db) {
    this.listStmt = db.prepare<[], RecipeRow>(`${CURRENT} WHERE r.deleted_at IS NULL ORDER BY v.name COLLATE NOCASE, r.id`);
    this.getStmt = db.prepare<[string], RecipeRow>(`${CURRENT} WHERE r.id = ? AND r.deleted_at IS NULL`);
    this.versionStmt = db.prepare<[string, number], VersionRow>('SELECT * FROM recipe_versions WHERE recipe_id = ? AND version = ?');
    this.versionsStmt = db.prepare<[string], VersionRow>('SELECT * FROM recipe_versions WHERE recipe_id = ? ORDER BY version DESC');
    this.insertStmt = db.prepare('INSERT INTO recipes (id, version, created_at, updated_at) VALUES (@id, @version, @created_at, @updated_at)');
    this.bumpStmt = db.prepare('UPDATE recipes SET version = @version, updated_at = @updated_at WHERE id = @id');
    this.insertVersionStmt = db.prepare(
      'INSERT INTO recipe_versions (recipe_id, version, name, description, phases, created_at) VALUES (@recipe_id, @version, @name, @description, @phases, @created_at)',
    );
    this.deleteStmt = db.prepare('UPDATE recipes SET deleted_at = @at WHERE id = @id');
  }

  list(): Recipe[] {
    return this.listStmt.all().map(recipeFrom);
  }

  /** The recipe's newest version, or undefined (also when deleted). */
  get(id: string): Recipe | undefined {
    const row = this.getStmt.get(id);
    return row ? recipeFrom(row) : undefined;
  }

  /** Any saved version, also of a deleted recipe. */
  version(recipeId: string, version: number): RecipeVersion | undefined {
    const row = this.versionStmt.get(recipeId, version);
    return row ? versionFrom(row) : undefined;
  }

  versions(recipeId: string): RecipeVersion[] {
    return this.versionsStmt.all(recipeId).map(versionFrom);
  }

  /** Writes a new recipe at version 1. */
  insert(recipe: Recipe): void {
    this.insertStmt.run({ id: recipe.id, version: recipe.version, created_at: recipe.created_at, updated_at: recipe.updated_at });
    this.insertVersion(recipe);
  }

  /** Adds `recipe.version` as a new version and makes it the current one. */
  addVersion(recipe: Recipe): void {
    this.insertVersion(recipe);
    this.bumpStmt.run({ id: recipe.id, version: recipe.version, updated_at: recipe.updated_at });
  }

  markDeleted(id: string, at: number): void {
    this.deleteStmt.run({ id, at });
  }

  private insertVersion(recipe: Recipe): void {
    this.insertVersionStmt.run({
      recipe_id: recipe.id, version: recipe.version, name: recipe.name, description: recipe.description, phases: JSON.stringify(recipe.phases), created_at: recipe.updated_at,
    });
  }
}
