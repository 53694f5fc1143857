import { ForbiddenError, type ActionContext, type BaseRecord, type CurrentAdmin, type Filter, type ParamsType, type ResourceWithOptions } from 'adminjs';
import { Document } from '../../../models/index.js';
import { DOCUMENT_TYPES, DOCUMENT_TYPE_LABELS } from '../../../models/value-sets.js';
import type { DocumentStore } from '../../documents/document-store.js';
import { downloadPath } from '../../documents/document-routes.js';
import { removeFilesWithoutRows } from '../../documents/document-cleanup.js';
import type { Logger } from '../../logger.js';
import { actorOf } from '../access/actor.js';
import { ADMIN_ROOT } from '../admin-paths.js';
import type { ComponentIds } from '../component-loader.js';
import { asAdmin } from '../current-admin.js';
import { ScopedResource } from '../scoped-resource.js';
import { NAV, TIMESTAMPS, dropdown } from './common.js';

/** Not a column: the link each document's row and page carry. */
export const DOWNLOAD_PROPERTY = 'download';

/**
 * Org admins and managers delete any document of their organization (the
 * policy lets every role delete; this narrows agents to their own uploads).
 */
export function mayDeleteDocument(currentAdmin: CurrentAdmin | undefined, params: ParamsType | undefined): boolean {
  const actor = actorOf(currentAdmin);
  if (actor === 'superuser' || actor === 'admin' || actor === 'manager') return true;
  return actor === 'agent' && params !== undefined && String(params.uploaded_by) === String(asAdmin(currentAdmin)?.id);
}

const withDownload = (record: BaseRecord): BaseRecord => {
  record.params[DOWNLOAD_PROPERTY] = `${ADMIN_ROOT}${downloadPath(record.params.id as number)}`;
  return record;
};

/**
 * Documents through the scoped resource, with the storage key kept on the
 * server (no form, filter or page sees where a file lives). Deleting one
 * removes its file once its row is gone; whoever may not delete it (an agent,
 * for another's upload) is refused here too, not only by the hidden button.
 */
class DocumentResource extends ScopedResource {
  constructor(private readonly store: DocumentStore, private readonly logger?: Logger) {
    super(Document, 'organization_id', ['original_name'], ['storage_key']);
  }

  override async find(filter: Filter, options: Parameters<ScopedResource['find']>[1], context?: ActionContext): Promise<BaseRecord[]> {
    return (await super.find(filter, options, context)).map(withDownload);
  }

  override async findOne(id: string | number, context?: ActionContext): Promise<BaseRecord | null> {
    const record = await super.findOne(id, context);
    return record && withDownload(record);
  }

  override async delete(id: string | number, context?: ActionContext): Promise<void> {
    const record = await this.findOne(id, context);
    if (!record || !mayDeleteDocument(context?.currentAdmin, record.params)) throw new ForbiddenError('recordNotAccessible');
    const row = await Document.findByPk(record.params.id as number, { attributes: ['storage_key'] });
    await super.delete(id, context);
    if (row) await removeFilesWithoutRows(this.store, [row.storage_key], this.logger);
  }
}

/** Lead documents: listed, opened, downloaded and deleted here; uploaded from the lead (its "Upload document" action). */
export function documentResource(components: ComponentIds, store: DocumentStore, logger?: Logger): ResourceWithOptions {
  const ownOnly = (context: ActionContext) => (context.record ? mayDeleteDocument(context.currentAdmin, context.record.params) : true);
  return {
    resource: new DocumentResource(store, logger),
    options: {
      navigation: NAV.leads,
      sort: { sortBy: 'created_at', direction: 'desc' },
      listProperties: ['original_name', 'lead_id', 'content_type', 'size_bytes', 'uploaded_by', 'created_at', DOWNLOAD_PROPERTY],
      showProperties: ['original_name', DOWNLOAD_PROPERTY, 'lead_id', 'content_type', 'size_bytes', 'sha256', 'uploaded_by', 'organization_id', 'created_at'],
      filterProperties: ['original_name', 'lead_id', 'content_type', 'uploaded_by', 'organization_id', 'created_at'],
      properties: {
        ...TIMESTAMPS,
        original_name: { isTitle: true },
        created_at: { isVisible: { list: true, show: true, edit: false, filter: true } },
        content_type: dropdown(DOCUMENT_TYPES, DOCUMENT_TYPE_LABELS),
        size_bytes: { type: 'number', components: { list: components.DocumentSize, show: components.DocumentSize } },
        sha256: { description: 'SHA-256 of the file as it was uploaded: proof the stored file was not altered.' },
        [DOWNLOAD_PROPERTY]: {
          type: 'string', isSortable: false, components: { list: components.DocumentDownload, show: components.DocumentDownload },
          isVisible: { list: true, show: true, edit: false, filter: false },
        },
      },
      actions: {
        // Files come in only through the upload route, which checks what they are; no form makes or changes a row.
        new: { isAccessible: false, isVisible: false },
        edit: { isAccessible: false, isVisible: false },
        delete: { isAccessible: ownOnly },
        bulkDelete: { isAccessible: (context: ActionContext) => (context.records ?? []).every((r) => mayDeleteDocument(context.currentAdmin, r.params)) },
      },
    },
  };
}
