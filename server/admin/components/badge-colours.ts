import {
  LEAD_PRIORITIES, LEAD_PRIORITY_LABELS, LEAD_STATUSES, LEAD_STATUS_LABELS, type LeadPriority, type LeadStatus,
} from '../../../models/value-sets.js';
import type { TagColour } from '../../../models/value-sets.js';

/** A badge's text on its background; every pair reads at WCAG AA (4.5:1 or more, checked by a test). */
export interface BadgeColours { text: string; background: string }

/**
 * One colour per lead status, the hue saying where the lead stands (blue
 * new, green converted, red lost, grey archived). Keyed by the value set, so
 * a status added there without a colour here is a type error.
 */
export const LEAD_STATUS_COLOURS: Record<LeadStatus, BadgeColours> = {
  new: { text: '#1E40AF', background: '#DBEAFE' },
  contacted: { text: '#115E59', background: '#CCFBF1' },
  qualified: { text: '#5B21B6', background: '#EDE9FE' },
  nurturing: { text: '#92400E', background: '#FEF3C7' },
  converted: { text: '#166534', background: '#DCFCE7' },
  lost: { text: '#991B1B', background: '#FEE2E2' },
  archived: { text: '#374151', background: '#E5E7EB' },
};

/** Priorities grow louder: high is the one solid badge on a screen of tinted ones. */
export const LEAD_PRIORITY_COLOURS: Record<LeadPriority, BadgeColours> = {
  low: { text: '#334155', background: '#E2E8F0' },
  medium: { text: '#9A3412', background: '#FFEDD5' },
  high: { text: '#FFFFFF', background: '#B91C1C' },
};

/** The lead fields shown as badges, each with its values, words and colours. */
export const LEAD_BADGE_FIELDS = {
  status: { values: LEAD_STATUSES, labels: LEAD_STATUS_LABELS, colours: LEAD_STATUS_COLOURS },
  priority: { values: LEAD_PRIORITIES, labels: LEAD_PRIORITY_LABELS, colours: LEAD_PRIORITY_COLOURS },
} as const;
export type LeadBadgeField = keyof typeof LEAD_BADGE_FIELDS;

/** The words and colours of one field's value, or null for a value outside its set. */
export function leadBadge(field: LeadBadgeField, value: unknown): { label: string; colours: BadgeColours } | null {
  const { labels, colours } = LEAD_BADGE_FIELDS[field] as { labels: Record<string, string>; colours: Record<string, BadgeColours> };
  return typeof value === 'string' && Object.hasOwn(colours, value) ? { label: labels[value]!, colours: colours[value]! } : null;
}

/**
 * The tag palette's pairs (TAG_COLOURS in models/value-sets.ts), tinted like
 * the status badges so a tag never outshouts a lead's status. Keyed by the
 * value set: a colour added there without a pair here is a type error.
 */
export const TAG_COLOUR_PAIRS: Record<TagColour, BadgeColours> = {
  slate: { text: '#1E293B', background: '#F1F5F9' },
  red: { text: '#991B1B', background: '#FEE2E2' },
  orange: { text: '#9A3412', background: '#FFEDD5' },
  amber: { text: '#92400E', background: '#FEF3C7' },
  green: { text: '#166534', background: '#DCFCE7' },
  teal: { text: '#115E59', background: '#CCFBF1' },
  blue: { text: '#1E40AF', background: '#DBEAFE' },
  purple: { text: '#6B21A8', background: '#F3E8FF' },
};

/** A tag colour's pair, or the grey one for a value outside the palette. */
export function tagColours(colour: unknown): BadgeColours {
  return typeof colour === 'string' && Object.hasOwn(TAG_COLOUR_PAIRS, colour) ? TAG_COLOUR_PAIRS[colour as TagColour] : TAG_COLOUR_PAIRS.slate;
}
