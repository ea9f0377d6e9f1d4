import type Router from '@koa/router';
import type { Context } from 'koa';
import { totalDays } from '../../domain/recipe.js';
import { RECIPE_EXAMPLES } from '../../farm/recipe-examples.js';
import { actorOf } from '../actor.js';
import type { ApiContext } from '../context.js';
import { NotFoundError } from '../errors.js';
import { toRecipeDto, toRecipeVersionDto } from '../farm-dto.js';
import type { RequestState } from '../ingress-guard.js';
import { recipeInputSchema, recipePatchSchema } from '../schemas/recipe.js';
import type { ListResponse, RecipeDto, RecipeExampleDto, RecipeVersionDto } from '../types.js';
import { parseOrThrow } from '../validate.js';
import { farmOf } from './zones.js';

type Ctx = Context & { state: RequestState; params: Record<string, string> };

export function recipeRoutes(router: Router<RequestState>, api: ApiContext): void {
  const dto = (recipe: Parameters<typeof toRecipeDto>[0]): RecipeDto => toRecipeDto(recipe, farmOf(api).recipes.users(recipe.id));

  router.get('/api/recipes', (ctx) => {
    const body: ListResponse<RecipeDto> = { items: farmOf(api).recipes.list().map(dto), next_cursor: null };
    ctx.body = body;
  });

  router.post('/api/recipes', (ctx) => {
    const input = parseOrThrow(recipeInputSchema, ctx.request.body);
    const recipe = farmOf(api).recipes.create(input, actorOf(ctx as Ctx));
    ctx.status = 201;
    ctx.set('Location', `api/recipes/${recipe.id}`);
    ctx.body = dto(recipe);
  });

  router.get('/api/recipes/examples', (ctx) => {
    const items: RecipeExampleDto[] = RECIPE_EXAMPLES.map((e) => ({ ...e, total_days: totalDays(e.phases) }));
    const body: ListResponse<RecipeExampleDto> = { items, next_cursor: null };
    ctx.body = body;
  });

  /** Copies an example into the user's recipes (version 1, theirs to edit). */
  router.post('/api/recipes/examples/:key/copy', (ctx) => {
    const example = RECIPE_EXAMPLES.find((e) => e.key === ctx.params.key);
    if (!example) throw new NotFoundError(`Example recipe ${ctx.params.key}`);
    const { key: _key, ...input } = example;
    const recipe = farmOf(api).recipes.create(input, actorOf(ctx as Ctx));
    ctx.status = 201;
    ctx.set('Location', `api/recipes/${recipe.id}`);
    ctx.body = dto(recipe);
  });

  router.get('/api/recipes/:id', (ctx) => {
    ctx.body = dto(farmOf(api).recipes.require(ctx.params.id!));
  });

  router.patch('/api/recipes/:id', (ctx) => {
    const { version, ...changes } = parseOrThrow(recipePatchSchema, ctx.request.body);
    const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    ctx.body = dto(farmOf(api).recipes.update(ctx.params.id!, version, defined, actorOf(ctx as Ctx)));
  });

  router.delete('/api/recipes/:id', (ctx) => {
    farmOf(api).recipes.delete(ctx.params.id!, actorOf(ctx as Ctx));
    ctx.status = 204;
  });

  router.get('/api/recipes/:id/versions', (ctx) => {
    const recipes = farmOf(api).recipes;
    const users = recipes.users(ctx.params.id!);
    const body: ListResponse<RecipeVersionDto> = { items: recipes.versions(ctx.params.id!).map((v) => toRecipeVersionDto(v, users)), next_cursor: null };
    ctx.body = body;
  });

  router.get('/api/recipes/:id/versions/:version', (ctx) => {
    const recipes = farmOf(api).recipes;
    const version = Number(ctx.params.version);
    if (!Number.isInteger(version)) throw new NotFoundError(`Version ${ctx.params.version} of recipe ${ctx.params.id}`);
    ctx.body = toRecipeVersionDto(recipes.version(ctx.params.id!, version), recipes.users(ctx.params.id!));
  });
}
