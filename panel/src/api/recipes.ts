/** The recipes API: versioned grow recipes and the examples to copy. */
import type { ListResponse, RecipeDto, RecipeExampleDto, RecipeInputDto, RecipeVersionDto } from '../../../server/src/api/types.js';
import type { Http } from './http.js';

export type RecipePatch = Partial<RecipeInputDto> & { version: number };

const path = (id: string, rest = ''): string => `api/recipes/${encodeURIComponent(id)}${rest}`;

export const fetchRecipes = (http: Http): Promise<ListResponse<RecipeDto>> => http.get<ListResponse<RecipeDto>>('api/recipes');

export const fetchRecipe = (http: Http, id: string): Promise<RecipeDto> => http.get<RecipeDto>(path(id));

export const createRecipe = (http: Http, input: RecipeInputDto): Promise<RecipeDto> => http.post<RecipeDto>('api/recipes', input);

/** Saves as a new version; 409 when `version` is not the newest (someone saved meanwhile). */
export const updateRecipe = (http: Http, id: string, patch: RecipePatch): Promise<RecipeDto> => http.patch<RecipeDto>(path(id), patch);

export const deleteRecipe = (http: Http, id: string): Promise<void> => http.delete(path(id));

export const fetchRecipeVersions = (http: Http, id: string): Promise<ListResponse<RecipeVersionDto>> => http.get<ListResponse<RecipeVersionDto>>(path(id, '/versions'));

export const fetchRecipeExamples = (http: Http): Promise<ListResponse<RecipeExampleDto>> => http.get<ListResponse<RecipeExampleDto>>('api/recipes/examples');

export const copyRecipeExample = (http: Http, key: string): Promise<RecipeDto> => http.post<RecipeDto>(`api/recipes/examples/${encodeURIComponent(key)}/copy`);
