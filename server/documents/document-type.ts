import { fileTypeFromFile } from 'file-type';
import { DOCUMENT_TYPES, DOCUMENT_TYPE_EXTENSIONS, DOCUMENT_TYPE_LABELS, type DocumentType } from '../../models/value-sets.js';
import type { FieldError } from '../errors.js';

/** The form field an upload's file comes in; errors name it. */
export const FILE_FIELD = 'file';

const ALLOWED_EXTENSIONS = new Set(Object.values(DOCUMENT_TYPE_EXTENSIONS).flat());
/** "PDF, PNG, JPEG, HEIC, Word, Excel, CSV, Text": what staff are told the admin accepts. */
export const ALLOWED_LIST = DOCUMENT_TYPES.map((type) => DOCUMENT_TYPE_LABELS[type].replace(/ (image|photo|file|document|workbook)$/, '')).join(', ');

/**
 * Endings that make a name a disguise when they come before the last one
 * (`invoice.pdf.exe`, `photo.png.html`): the allowed types' own, and what a
 * computer would run or a browser would render. `report.v2.pdf` is fine.
 */
const DISGUISING = new Set([...ALLOWED_EXTENSIONS, 'exe', 'com', 'bat', 'cmd', 'scr', 'pif', 'msi', 'msp', 'dll', 'cpl', 'jar', 'js', 'mjs',
  'jse', 'vbs', 'vbe', 'wsf', 'wsh', 'hta', 'ps1', 'psm1', 'sh', 'bash', 'app', 'apk', 'dmg', 'pkg', 'deb', 'rpm', 'lnk', 'reg', 'html', 'htm',
  'xhtml', 'svg', 'xml', 'php', 'asp', 'aspx', 'jsp', 'py', 'pl', 'rb', 'zip', 'rar', '7z', 'iso', 'docm', 'xlsm', 'doc', 'xls', 'gif', 'webp']);

const problem = (code: string, message: string): FieldError => ({ field: FILE_FIELD, code, message });

/** The name once percent-escapes are undone, so `..%2F..%2Fetc` is judged as the path it spells. */
function decoded(name: string): string {
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

export interface AcceptedName { name: string; extension: string }

/**
 * Whether an uploaded file's name may be kept as its `original_name`. It is
 * only ever shown and sent back in Content-Disposition, never a path, but a
 * name that tries to be one (folders, `..`, control characters) or hides its
 * real ending is refused rather than cleaned, so nobody is misled by it.
 */
export function checkDocumentName(raw: string | undefined): AcceptedName | FieldError {
  const name = (raw ?? '').normalize('NFC');
  if (name.trim() === '') return problem('name_missing', 'The file has no name. Rename it (for example application.pdf) and upload it again.');
  if (name.length > 255) return problem('name_too_long', 'The file name is longer than 255 characters. Rename it with a shorter name.');
  for (const spelling of [name, decoded(name)]) {
    if (/[\u0000-\u001f\u007f]/.test(spelling)) return problem('name_invalid', 'The file name contains characters that cannot be shown. Rename it and upload it again.');
    if (/[/\\]/.test(spelling) || spelling.includes('..')) {
      return problem('name_has_path', 'The file name must be a plain name, without folders, slashes or "..". Rename it and upload it again.');
    }
  }
  if (name.startsWith('.')) return problem('name_invalid', 'The file name must not start with a dot. Rename it and upload it again.');
  const parts = name.split('.');
  const extension = parts.length > 1 ? parts.at(-1)!.toLowerCase() : '';
  if (!extension) return problem('name_no_extension', `The file name has no ending such as .pdf: the admin accepts ${ALLOWED_LIST} files.`);
  const hidden = parts.slice(1, -1).map((part) => part.toLowerCase().trim()).find((part) => DISGUISING.has(part));
  if (hidden) return problem('double_extension', `The file name has two endings (.${hidden}.${extension}), which can disguise what a file is. Rename it with one ending and upload it again.`);
  if (!ALLOWED_EXTENSIONS.has(extension)) return problem('type_not_allowed', `.${extension} files are not accepted: the admin accepts ${ALLOWED_LIST} files.`);
  return { name, extension };
}

/** What the bytes are, as file-type names it, turned into ours; OOXML is told apart from a bare zip by file-type itself. */
const DETECTED: Record<string, DocumentType> = {
  'application/pdf': 'application/pdf',
  'image/png': 'image/png',
  'image/jpeg': 'image/jpeg',
  'image/heic': 'image/heic',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Text types have no signature: their content must be text (valid UTF-8, no NUL byte) and their name must say which. */
const TEXT_BY_EXTENSION: Record<string, DocumentType> = { csv: 'text/csv', txt: 'text/plain' };

/**
 * The document's type, decided by its bytes (at `file`), never by its name
 * or the type the browser declared; the name's ending must then agree.
 * `isText`: the whole content was valid UTF-8 without a NUL byte.
 */
export async function documentTypeOf(file: string, name: AcceptedName, isText: boolean): Promise<DocumentType | FieldError> {
  const detected = await fileTypeFromFile(file);
  let type: DocumentType | undefined;
  if (detected) {
    type = DETECTED[detected.mime];
    if (!type) return problem('type_not_allowed', `The file is a${/^[aeiou]/i.test(detected.ext) ? 'n' : ''} ${detected.ext.toUpperCase()} file, which is not accepted: the admin accepts ${ALLOWED_LIST} files.`);
  } else if (TEXT_BY_EXTENSION[name.extension] && isText) {
    type = TEXT_BY_EXTENSION[name.extension];
  } else {
    return problem(isText ? 'content_mismatch' : 'type_not_allowed', isText
      ? `The name ends .${name.extension}, but the file holds plain text. Save it in the format its name says, or name it .txt.`
      : `The file's content is not one of the accepted types (${ALLOWED_LIST}), whatever its name says.`);
  }
  if (!DOCUMENT_TYPE_EXTENSIONS[type!].includes(name.extension)) {
    return problem('content_mismatch', `The name ends .${name.extension}, but the file is a ${DOCUMENT_TYPE_LABELS[type!]}. Rename it to .${DOCUMENT_TYPE_EXTENSIONS[type!][0]} or upload the right file.`);
  }
  return type!;
}

export const isFieldError = (value: unknown): value is FieldError => typeof value === 'object' && value !== null && 'code' in value && 'field' in value;
