import type { ResourceWithOptions } from 'adminjs';
import {
  ACTIVITY_DIRECTIONS, ACTIVITY_DIRECTION_LABELS, ACTIVITY_TYPES, ACTIVITY_TYPE_LABELS, CALL_OUTCOMES, CALL_OUTCOME_LABELS, LOGGED_ACTIVITY_TYPES,
} from '../../../models/value-sets.js';
import type { ComponentIds } from '../component-loader.js';
import { NAV, TIMESTAMPS, dropdown } from './common.js';
import { ActivityResource, LOGGED_TYPE } from './activity-adapter.js';

const LOGGED_LABELS = Object.fromEntries(LOGGED_ACTIVITY_TYPES.map((t) => [t, ACTIVITY_TYPE_LABELS[t]])) as Record<(typeof LOGGED_ACTIVITY_TYPES)[number], string>;

/** What happened to each lead, newest first: logged by staff, or recorded by the database (status changes, submissions). */
export function activityResource(components: ComponentIds): ResourceWithOptions {
  return {
    resource: new ActivityResource(),
    options: {
      navigation: NAV.leads,
      sort: { sortBy: 'occurred_at', direction: 'desc' },
      listProperties: ['occurred_at', 'type', 'summary', 'lead_id', 'direction', 'outcome', 'user_id'],
      showProperties: ['type', 'summary', 'lead_id', 'occurred_at', 'direction', 'outcome', 'duration_seconds', 'details', 'user_id', 'metadata',
        'organization_id', 'created_at', 'updated_at'],
      editProperties: ['lead_id', LOGGED_TYPE, 'direction', 'outcome', 'occurred_at', 'duration_seconds', 'summary', 'details'],
      filterProperties: ['lead_id', 'type', 'user_id', 'occurred_at'],
      properties: {
        ...TIMESTAMPS,
        summary: { isTitle: true },
        type: dropdown(ACTIVITY_TYPES, ACTIVITY_TYPE_LABELS),
        [LOGGED_TYPE]: {
          ...dropdown(LOGGED_ACTIVITY_TYPES, LOGGED_LABELS), type: 'string', isSortable: false,
          isVisible: { list: false, show: false, edit: true, filter: false },
        },
        direction: { ...dropdown(ACTIVITY_DIRECTIONS, ACTIVITY_DIRECTION_LABELS), description: 'For a call, email, text message or meeting: inbound when they reached us, outbound when we reached them. An outbound call, email or text counts as contact with the lead.' },
        outcome: { ...dropdown(CALL_OUTCOMES, CALL_OUTCOME_LABELS), description: 'For a call.' },
        occurred_at: { description: 'Left blank, it is now.' },
        duration_seconds: { description: 'For a call or meeting, in seconds.' },
        details: { type: 'textarea' },
        metadata: { type: 'mixed', isVisible: { list: false, show: true, edit: false, filter: false }, components: { show: components.ReadableData } },
      },
    },
  };
}
