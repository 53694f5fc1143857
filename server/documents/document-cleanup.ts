import type { ActionContext, ActionRequest, ActionResponse } from 'adminjs';
import { Op } from 'sequelize';
import { Document } from '../../models/index.js';
import { createLogger, type Logger } from '../logger.js';
import type { DocumentStore } from './document-store.js';
import { removeStaleStagingFiles } from './staging.js';

/**
 * Removes the files among `keys` that no row refers to any more, and keeps
 * the others: called after a delete that may or may not have happened (a
 * refused one leaves its rows, and so its files). The number removed.
 */
export async function removeFilesWithoutRows(store: DocumentStore, keys: readonly string[], logger: Logger = createLogger()): Promise<number> {
  if (keys.length === 0) return 0;
  const kept = new Set((await Document.findAll({ where: { storage_key: { [Op.in]: [...keys] } }, attributes: ['storage_key'] })).map((d) => d.storage_key));
  let removed = 0;
  for (const key of keys) {
    if (kept.has(key)) continue;
    try {
      await store.delete(key);
      removed += 1;
    } catch (error) {
      // The row is gone already; the sweep will find the file again.
      logger.warn(`Could not remove document file ${key}: ${(error as Error).message}`);
    }
  }
  return removed;
}

const KEYS = Symbol('documentKeysOfDeletedLeads');
type WithKeys = ActionContext & { [KEYS]?: string[] };

function leadIds(request: ActionRequest): string[] {
  const ids = request.params.recordId ? [request.params.recordId] : String(request.query?.recordIds ?? '').split(',');
  return ids.filter((id) => /^\d{1,9}$/.test(id));
}

/**
 * Hooks for the lead's delete and bulk delete: the database cascades the
 * document rows, and these remove their files. The keys are read before the
 * delete (after it the rows are gone), and only files whose rows did go are
 * removed. Whatever escapes them (an organization deleted, a crash between
 * the two) is left for `sweepOrphanDocuments()`.
 */
export function leadDocumentFileHooks(store: DocumentStore, logger?: Logger) {
  return {
    before: async (request: ActionRequest, context: ActionContext): Promise<ActionRequest> => {
      if (request.method !== 'post') return request;
      const ids = leadIds(request);
      (context as WithKeys)[KEYS] = ids.length === 0 ? []
        : (await Document.findAll({ where: { lead_id: { [Op.in]: ids } }, attributes: ['storage_key'] })).map((d) => d.storage_key);
      return request;
    },
    after: async (response: ActionResponse, _request: ActionRequest, context: ActionContext): Promise<ActionResponse> => {
      const keys = (context as WithKeys)[KEYS];
      if (keys?.length) await removeFilesWithoutRows(store, keys, logger);
      return response;
    },
  };
}

export interface SweepResult { checked: number; removed: number; staleTemporary: number }

export interface SweepOptions {
  store: DocumentStore;
  /** Where uploads are staged (DOCUMENTS_DIR): half-written files a crash left there go too. */
  documentsDir: string;
  /**
   * Files younger than this are kept even without a row: an upload stores its
   * file a moment before it writes its row. Default one hour.
   */
  graceMs?: number;
  /** Called every batch, and once at the end. */
  onProgress?: (progress: SweepResult) => void;
  now?: Date;
}

const BATCH = 500;

/**
 * Removes every stored file that no document row refers to: what a cascade
 * (a lead or organization deleted outside the admin's hooks) or a crash left
 * behind. Safe to run while the app serves (see `graceMs`).
 */
export async function sweepOrphanDocuments({ store, documentsDir, graceMs = 3_600_000, onProgress, now = new Date() }: SweepOptions): Promise<SweepResult> {
  const cutoff = new Date(now.getTime() - graceMs);
  const result: SweepResult = { checked: 0, removed: 0, staleTemporary: 0 };
  let batch: string[] = [];
  const flush = async () => {
    result.removed += await removeFilesWithoutRows(store, batch);
    result.checked += batch.length;
    batch = [];
    onProgress?.({ ...result });
  };
  for await (const file of store.list()) {
    if (file.modifiedAt >= cutoff) continue;
    batch.push(file.key);
    if (batch.length >= BATCH) await flush();
  }
  if (batch.length) await flush();
  result.staleTemporary = await removeStaleStagingFiles(documentsDir, cutoff);
  onProgress?.({ ...result });
  return result;
}
