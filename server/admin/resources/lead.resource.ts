import type { ActionContext, ResourceWithOptions } from 'adminjs';
import { LEAD_PRIORITIES, LEAD_PRIORITY_LABELS, LEAD_STATUSES, LEAD_STATUS_LABELS } from '../../../models/value-sets.js';
import { bulkChangeActions, matchingChangeActions, pipelineRecordActions } from '../pipeline/pipeline-actions.js';
import type { ComponentIds } from '../component-loader.js';
import { INTAKE_PROPERTY, withIntakeSummary } from './lead-intake-summary.js';
import { LEAD_NAME, LeadResource } from './lead-adapter.js';
import { leadTimelineAction } from './lead-timeline-action.js';
import { SEARCH_FILTER } from '../search-filter.js';
import { NAV, TIMESTAMPS, dropdown } from './common.js';
import { leadTagActions } from '../tags/lead-tag-actions.js';
import { TAG_LIST_PROPERTY, withLeadTags } from '../tags/lead-tags-summary.js';
import { TAGS_FILTER, TAGS_MATCH_FILTER } from '../tags/tag-filter.js';
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
        TAG_LIST_PROPERTY,
        'estimated_value', 'date_of_birth', 'address', 'city', 'state', 'zip_code', 'country', 'notes', 'last_contact_date', 'next_follow_up_date',
        'organization_id', 'created_at', 'updated_at', INTAKE_PROPERTY],
      editProperties: ['first_name', 'last_name', 'email', 'phone', 'status', 'priority', 'score', 'insurance_product_id', 'lead_source_id', 'campaign_id',
        'estimated_value', 'date_of_birth', 'address', 'city', 'state', 'zip_code', 'country', 'notes', 'next_follow_up_date', 'organization_id'],
      filterProperties: [SEARCH_FILTER, 'status', 'priority', 'score', 'insurance_product_id', 'lead_source_id', 'campaign_id', 'created_at',
        TAGS_FILTER, TAGS_MATCH_FILTER],
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
        [TAG_LIST_PROPERTY]: { type: 'string', isSortable: false, components: { show: components.TagList }, isVisible: { list: false, show: true, edit: false, filter: false } },
        // Filters only (see tags/tag-filter.ts): the picker offers the organization's own tags.
        [TAGS_FILTER]: { type: 'reference', reference: 'tags', isSortable: false, isVisible: { list: false, show: false, edit: false, filter: true } },
        [TAGS_MATCH_FILTER]: {
          type: 'string', isSortable: false, isVisible: { list: false, show: false, edit: false, filter: true },
          availableValues: [{ value: 'any', label: 'Any of the tags' }, { value: 'all', label: 'All of the tags' }],
        },
        // Score breakdown, consent and submissions, filled in by the show action's after hook.
        [INTAKE_PROPERTY]: {
          type: 'string', isSortable: false, components: { show: components.LeadIntake },
          isVisible: { list: false, show: true, edit: false, filter: false },
        },
      },
      actions: {
        // The lead's page (components/lead-page.tsx), with where it came from and its tags filled in by the after hooks.
        show: { after: [withIntakeSummary, withLeadTags], component: components.LeadPage },
        ...pipelineRecordActions(),
        ...leadTimelineAction(),
        ...bulkChangeActions(components),
        ...matchingChangeActions(),
        ...leadTagActions(components),
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
