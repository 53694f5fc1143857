import type { PropertyOptions, ResourceWithOptions } from 'adminjs';
import type { Model, ModelStatic } from 'sequelize';
import { INITIAL_VALUE } from './components/initial-value.js';

const isPlain = (value: unknown): value is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof value);

/**
 * A new record's form shows what saving it will store: the Active box ticked,
 * status New, country USA. AdminJS starts every field empty, so staff saw an
 * unticked Active box on a record that was then saved active. Each column's
 * default (a plain value; timestamps and lists are the database's business)
 * travels to the browser as the property's `custom.initialValue`.
 */
export function withFormDefaults(entry: ResourceWithOptions): ResourceWithOptions {
  const model = (entry.resource as { SequelizeModel?: ModelStatic<Model> }).SequelizeModel;
  if (!model) return entry;
  const properties: Record<string, PropertyOptions> = { ...(entry.options.properties ?? {}) };
  for (const [column, attribute] of Object.entries(model.getAttributes())) {
    if (!isPlain(attribute.defaultValue)) continue;
    const own = properties[column] ?? {};
    properties[column] = { ...own, custom: { ...(own.custom ?? {}), [INITIAL_VALUE]: attribute.defaultValue } };
  }
  return { ...entry, options: { ...entry.options, properties } };
}
