import { DOCUMENT_TYPES, DOCUMENT_TYPE_EXTENSIONS } from '../../models/value-sets.js';
import { ALLOWED_LIST } from './document-type.js';
import type { Logger } from '../logger.js';
import { ADMIN_ROOT } from '../admin/admin-paths.js';
import type { DocumentStore } from './document-store.js';

/** What the admin needs of document storage: the store, and the limits its upload control tells staff. */
export interface AdminDocuments {
  store: DocumentStore;
  logger?: Logger;
  /** Passed to the upload control (components/document-upload.tsx) as its action's `custom`. */
  uploadControl: { root: string; maxBytes: number; accept: string; allowed: string };
}

export function adminDocuments(store: DocumentStore, maxBytes: number, logger?: Logger): AdminDocuments {
  const accept = DOCUMENT_TYPES.flatMap((type) => DOCUMENT_TYPE_EXTENSIONS[type].map((ext) => `.${ext}`)).join(',');
  return { store, logger, uploadControl: { root: ADMIN_ROOT, maxBytes, accept, allowed: ALLOWED_LIST } };
}
