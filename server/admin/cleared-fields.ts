import type { ActionRequest } from 'adminjs';

/**
 * A field staff cleared arrives as "", which AdminJS then turns into 0 for a
 * number and an invalid date for a date before any adapter sees it (so a
 * cleared score was saved as 0). Made null here, ahead of that conversion, it
 * reaches the adapter as "no value" (see `checkedForm` in scoped-resource.ts,
 * which gives a new record its defaults). Runs before every `new` and `edit`.
 */
export async function clearedFieldsAsNull(request: ActionRequest): Promise<ActionRequest> {
  if (request.method !== 'post' || !request.payload) return request;
  request.payload = Object.fromEntries(Object.entries(request.payload).map(([key, value]) => [key, value === '' ? null : value]));
  return request;
}
