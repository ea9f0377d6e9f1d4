/**
 * Recipes with versions (DESIGN "Farm…: the API contract", Recipes). Every save adds a version
 * (version + 1) and leaves the older ones as they were, so a planned or active grow keeps exactly
 * the version it was started with until the user moves it. A save against an older `version` than
 * the stored one is a conflict and writes nothing: the second of two people editing loses nothing,
 * they reload and apply their change again.
 */
import { randomUUID } from 'node:crypto';
import type { Bus } from '../bus.js';
import type { Phase, Recipe, RecipeVersion } from '../domain/recipe.js';
import type { Clock } from '../engine/ports.js';
import type { AppEvents } from '../events.js';
import type { Actor, AuditLog } from '../store/audit.js';
import type { Db } from '../store/db.js';
import type { RecipeRepository } from '../store/recipes.js';
import { FarmConflictError, FarmNotFoundError, FarmStaleVersionError, FarmValidationError, quoted } from './errors.js';
import { recipeProblems } from './recipe-rules.js';
import { inTransaction } from '../store/transaction.js';

export interface RecipeInput {
  name: string;
  description: string;
  phases: Phase[];
}

/** A planned or active grow that follows a version of a recipe. */
export interface RecipeUser {
  id: string;
  name: string;
  recipe_version: number;
}

export interface RecipeServiceDeps {
  db: Db;
  clock: Clock;
  audit: AuditLog;
  bus: Bus<AppEvents>;
  repo: RecipeRepository;
  /** Planned and active grows on the recipe (any version). */
  users(recipeId: string): RecipeUser[];
}

function check(phases: Phase[]): void {
  const problems = recipeProblems(phases);
  if (problems.length > 0) throw new FarmValidationError(problems);
}

function same(a: RecipeInput, b: RecipeInput): boolean {
  return a.name === b.name && a.description === b.description && JSON.stringify(a.phases) === JSON.stringify(b.phases);
}

export class RecipeService {
  /** Saved versions never change, so they are read once (grows' views read theirs on every tick). */
  private readonly versionCache = new Map<string, RecipeVersion>();

  constructor(private readonly deps: RecipeServiceDeps) {}

  list(): Recipe[] {
    return this.deps.repo.list();
  }

  require(id: string): Recipe {
    const recipe = this.deps.repo.get(id);
    if (!recipe) throw new FarmNotFoundError(`Recipe ${id}`);
    return recipe;
  }

  /** Every version, newest first (404 for an unknown or deleted recipe). */
  versions(id: string): RecipeVersion[] {
    this.require(id);
    return this.deps.repo.versions(id);
  }

  /** One version, also of a deleted recipe (grows keep showing theirs). */
  version(id: string, version: number): RecipeVersion {
    const key = `${id}\u0000${version}`;
    const cached = this.versionCache.get(key);
    if (cached) return cached;
    const found = this.deps.repo.version(id, version);
    if (!found) throw new FarmNotFoundError(`Version ${version} of recipe ${id}`);
    this.versionCache.set(key, found);
    return found;
  }

  users(id: string): RecipeUser[] {
    return this.deps.users(id);
  }

  create(input: RecipeInput, actor: Actor): Recipe {
    check(input.phases);
    const now = this.deps.clock.now();
    const recipe: Recipe = { id: randomUUID(), ...input, version: 1, created_at: now, updated_at: now };
    inTransaction(this.deps.db, () => {
      this.deps.repo.insert(recipe);
      this.deps.audit.record(now, actor, 'create', 'recipe', recipe.id, undefined, recipe);
    });
    this.deps.bus.emit('recipe.changed', { id: recipe.id });
    return recipe;
  }

  /** Saves the changes as version + 1 (nothing is written when nothing changed). */
  update(id: string, version: number, changes: Partial<RecipeInput>, actor: Actor): Recipe {
    const current = this.require(id);
    if (current.version !== version) throw new FarmStaleVersionError('recipe', current.version, version);
    const next: Recipe = { ...current, ...changes, version: current.version + 1, updated_at: this.deps.clock.now() };
    if (same(current, next)) return current;
    check(next.phases);
    inTransaction(this.deps.db, () => {
      this.deps.repo.addVersion(next);
      this.deps.audit.record(next.updated_at, actor, 'update', 'recipe', id, current, next);
    });
    this.deps.bus.emit('recipe.changed', { id });
    return next;
  }

  delete(id: string, actor: Actor): void {
    const recipe = this.require(id);
    const users = this.deps.users(id);
    if (users.length > 0) {
      throw new FarmConflictError(`Recipe "${recipe.name}" is used by the grow${users.length > 1 ? 's' : ''} ${quoted(users.map((u) => u.name))}; cancel or finish ${users.length > 1 ? 'them' : 'it'} first`);
    }
    const now = this.deps.clock.now();
    inTransaction(this.deps.db, () => {
      this.deps.repo.markDeleted(id, now);
      this.deps.audit.record(now, actor, 'delete', 'recipe', id, recipe);
    });
    this.deps.bus.emit('recipe.changed', { id, deleted: true });
  }
}
