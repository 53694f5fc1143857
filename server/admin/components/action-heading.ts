import type { ActionJSON, RecordJSON, ResourceJSON, useTranslation } from 'adminjs';

type Translate = ReturnType<typeof useTranslation>;

/**
 * A record's name as staff know it (a lead's full name, a campaign's name, a
 * user's email), or "Consent #12" for a table whose rows have none. AdminJS
 * falls back to the id as the title, which reads as a bare number.
 */
export function recordName(record: RecordJSON, resource: ResourceJSON, { translateMessage }: Translate): string {
  const title = typeof record.title === 'string' ? record.title.trim() : '';
  if (title && title !== String(record.id)) return title;
  return translateMessage('recordTitle', resource.id, { id: record.id, defaultValue: `#${record.id}` });
}

/**
 * The heading of a screen or drawer: the list's name ("Leads"), a record's
 * own name on its page, "Delete 3 leads?" over a bulk delete, and otherwise
 * the action's words for this resource ("Edit lead", "New lead", "Change
 * status"), never AdminJS's "List", "Show" or an action's code name.
 */
export function actionHeading(
  { action, resource, record, records }: { action: ActionJSON; resource: ResourceJSON; record?: RecordJSON; records?: RecordJSON[] },
  t: Translate,
): string {
  if (action.name === 'list') return t.translateLabel(resource.name, resource.id);
  if (action.name === 'show' && record) return recordName(record, resource, t);
  if (action.name === 'bulkDelete' && records) {
    return t.translateMessage(records.length === 1 ? 'bulkDeleteTitle' : 'bulkDeleteTitle_plural', resource.id, { count: records.length });
  }
  return t.translateAction(action.label, resource.id);
}
