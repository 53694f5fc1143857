import type { ActionContext, ResourceWithOptions } from 'adminjs';
import { LEAD_PRIORITIES, LEAD_PRIORITY_LABELS, LEAD_STATUSES, LEAD_STATUS_LABELS } from '../../../models/value-sets.js';
import { bulkChangeActions, matchingChangeActions, pipelineRecordActions } from '../pipeline/pipeline-actions.js';
import type { ComponentIds } from '../component-loader.js';
import { INTAKE_PROPERTY, withIntakeSummary } from './lead-intake-summary.js';
import { LEAD_NAME, LeadResource } from './lead-adapter.js';
import { SEARCH_FILTER } from '../search-filter.js';
import { NAV, TIMESTAMPS, dropdown } from './common.js';
import { leadDocumentFileHooks } from '../../documents/document-cleanup.js';
import type { AdminDocuments } from '../../documents/admin-documents.js';

/** The screen staff live in: newest first, searchable by name, email or phone. */
export function leadResource(components: ComponentIds, documents: AdminDocuments): ResourceWithOptions {
  const documentFiles = leadDocumentFileHooks(documents.store, documents.logger);
  return {
    resource: new LeadResource(),
    options: {
      // One "Name" column instead of two, so the list fits a laptop screen; also the lead's title everywhere.
      titleProperty: LEAD_NAME,
      navigation: NAV.leads,
      sort: { sortBy: 'created_at', direction: 'desc' },
      listProperties: ['name', 'phone', 'status', 'priority', 'score', 'insurance_product_id', 'lead_source_id', 'campaign_id', 'created_at'],
      showProperties: ['first_name', 'last_name', 'email', 'phone', 'status', 'priority', 'score', 'insurance_product_id', 'lead_source_id', 'campaign_id',
        'estimated_value', 'date_of_birth', 'address', 'city', 'state', 'zip_code', 'country', 'notes', 'last_contact_date', 'next_follow_up_date',
        'organization_id', 'created_at', 'updated_at', INTAKE_PROPERTY],
      editProperties: ['first_name', 'last_name', 'email', 'phone', 'status', 'priority', 'score', 'insurance_product_id', 'lead_source_id', 'campaign_id',
        'estimated_value', 'date_of_birth', 'address', 'city', 'state', 'zip_code', 'country', 'notes', 'next_follow_up_date', 'organization_id'],
      filterProperties: [SEARCH_FILTER, 'status', 'priority', 'score', 'insurance_product_id', 'lead_source_id', 'campaign_id', 'created_at'],
      properties: {
        ...TIMESTAMPS,
        [SEARCH_FILTER]: {
          type: 'string',
          isVisible: { list: false, show: false, edit: false, filter: true },
        },
        [LEAD_NAME]: { type: 'string', isSortable: false, isVisible: { list: true, show: false, edit: false, filter: false }, components: { list: components.LeadNameCell } },
        created_at: { isVisible: { list: true, show: true, edit: false, filter: true } },
        // Badges and a readable phone in the list and on the lead's page; forms keep AdminJS's own fields.
        status: { ...dropdown(LEAD_STATUSES, LEAD_STATUS_LABELS), components: { list: components.LeadValueProperty, show: components.LeadValueProperty } },
        priority: { ...dropdown(LEAD_PRIORITIES, LEAD_PRIORITY_LABELS), components: { list: components.LeadValueProperty, show: components.LeadValueProperty } },
        phone: { components: { list: components.PhoneProperty, show: components.PhoneProperty } },
        score: { description: '0 to 100' },
        estimated_value: { description: 'In dollars, like 1250.50.' },
        notes: { type: 'textarea' },
        // Score breakdown, consent and submissions, filled in by the show action's after hook.
        [INTAKE_PROPERTY]: {
          type: 'string', isSortable: false, components: { show: components.LeadIntake },
          isVisible: { list: false, show: true, edit: false, filter: false },
        },
      },
      actions: {
        show: { after: withIntakeSummary },
        ...pipelineRecordActions(),
        ...bulkChangeActions(components),
        ...matchingChangeActions(),
        exportCsv: {
          actionType: 'resource', icon: 'Download', component: components.ExportCsv, showInDrawer: true,
          handler: async () => ({}),
        },
        // The database cascades a deleted lead's document rows; these remove their files.
        delete: { ...documentFiles },
        bulkDelete: { ...documentFiles },
        uploadDocument: {
          actionType: 'record', icon: 'Upload', component: components.DocumentUpload, showInDrawer: false,
          custom: documents.uploadControl,
          handler: async (_request: unknown, _response: unknown, context: ActionContext) => ({ record: context.record!.toJSON(context.currentAdmin) }),
        },
      },
    },
  };
}
