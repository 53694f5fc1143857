import type { ActionContext, Before, ResourceWithOptions } from 'adminjs';
import { ACCESS_POLICY, can } from './access-policy.js';
import { actorOf } from './actor.js';
import { keepWritableFields } from './writable-fields.js';
import { clearedFieldsAsNull } from '../cleared-fields.js';

const BUILT_IN_ACTIONS = ['list', 'show', 'search', 'new', 'edit', 'delete', 'bulkDelete'] as const;

type Accessible = boolean | ((context: ActionContext) => boolean | Promise<boolean>) | undefined;
type ActionOptions = { isAccessible?: Accessible; before?: Before | Before[]; [key: string]: unknown };

const befores = (before: Before | Before[] | undefined): Before[] => (before === undefined ? [] : Array.isArray(before) ? before : [before]);

/**
 * Puts a resource behind the access policy: every built-in and custom action
 * is accessible only to the actors the policy names (AdminJS checks
 * `isAccessible` before running an action, and hides buttons and menu
 * entries that fail it), on top of the resource's own record conditions; and
 * every create and edit keeps only the actor's writable fields, with cleared
 * fields as null. A custom
 * action the policy does not name stops the app at start.
 */
export function withAccess(entry: ResourceWithOptions): ResourceWithOptions {
  const resourceId = (entry.resource as { id(): string }).id();
  const policy = ACCESS_POLICY[resourceId];
  if (!policy) throw new Error(`The admin resource "${resourceId}" has no access policy: add it to server/admin/access/access-policy.ts.`);
  const actions = { ...(entry.options.actions ?? {}) } as Record<string, ActionOptions>;
  const custom = Object.keys(actions).filter((name) => !(BUILT_IN_ACTIONS as readonly string[]).includes(name));
  const undecided = custom.filter((name) => !policy.custom?.[name]);
  if (undecided.length) throw new Error(`The access policy of "${resourceId}" does not say who may run: ${undecided.join(', ')}.`);

  for (const name of [...BUILT_IN_ACTIONS, ...custom]) {
    const action: ActionOptions = { ...actions[name] };
    const own = action.isAccessible;
    action.isAccessible = (context: ActionContext) => {
      if (!can(actorOf(context.currentAdmin), resourceId, name)) return false;
      return typeof own === 'function' ? own(context) as boolean : own !== false;
    };
    if (name === 'new' || name === 'edit') action.before = [keepWritableFields(resourceId), clearedFieldsAsNull, ...befores(action.before)];
    actions[name] = action;
  }
  return { ...entry, options: { ...entry.options, actions } };
}
