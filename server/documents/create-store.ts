import type { Config } from '../config.js';
import { DiskDocumentStore } from './disk-store.js';
import type { DocumentStore } from './document-store.js';
import { S3DocumentStore } from './s3-store.js';

export type DocumentsConfig = Pick<Config, 'DOCUMENTS_STORE' | 'documentsDir' | 'DOCUMENTS_MAX_BYTES' | 'S3_BUCKET' | 'S3_ENDPOINT' | 'S3_REGION' | 'S3_FORCE_PATH_STYLE'>;

/** The store the configuration names (DOCUMENTS_STORE). */
export function createDocumentStore(config: DocumentsConfig): DocumentStore {
  if (config.DOCUMENTS_STORE === 's3') {
    return new S3DocumentStore({ bucket: config.S3_BUCKET!, region: config.S3_REGION, endpoint: config.S3_ENDPOINT, forcePathStyle: config.S3_FORCE_PATH_STYLE });
  }
  return new DiskDocumentStore(config.documentsDir);
}
