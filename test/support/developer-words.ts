/** Placeholders AdminJS (or our ActionHeader) fills with something a person reads: counts, file names, a page's name. */
const FILLED = new Set(['count', 'selected', 'number', 'version', 'maxSize', 'mimeTypes', 'fileName', 'fileType', 'pageName', 'id']);

/**
 * What a person would object to in a heading, a notice or a message: the
 * developer words AdminJS uses (record, resource, "successfully", a lone
 * List, Show or Edit, Create new), a `{{placeholder}}` nobody fills with
 * words (any at all on a screen, where they should have been filled), and
 * an action's code name in camelCase. Returns what it found, empty if none.
 */
export function developerWords(text: string, { onScreen = false } = {}): string[] {
  const found: string[] = [];
  if (/\brecords?\b/i.test(text)) found.push('record');
  if (/\bresources?\b/i.test(text)) found.push('resource');
  if (/\bsuccessfully\b/i.test(text)) found.push('successfully');
  if (/Create new/i.test(text)) found.push('Create new');
  if (/\b(List|Show)\b/.test(text)) found.push('List/Show');
  if (/\bEdit\b(?!\s+\w)/.test(text)) found.push('lone Edit');
  for (const [, name] of text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)) if (onScreen || !FILLED.has(name!)) found.push(`{{${name}}}`);
  const words = text.replace(/\{\{\s*\w+\s*\}\}/g, '').replace(/<[^>]+>/g, '');
  if (/\b[a-z]+[A-Z]\w*/.test(words)) found.push('camelCase');
  return found;
}
