import type { SourceType } from '../../models/value-sets.js';

/**
 * Which kind of lead source a visit came from, read from its UTM tags the
 * way marketers tag links. The medium decides first (a paid click on
 * Facebook is `ppc`), then the source. Null when the tags say nothing we
 * recognise: the submission then takes its key's default source, or `web`.
 * Raw tags are always kept on the submission.
 *
 * The spec's source types have no kind for offline or text-message
 * marketing, so those go to the nearest one: a paid placement anywhere
 * (display, print, TV, radio) counts with `ppc`, paid advertising; a
 * message sent to a list (SMS, direct mail) counts with `email`, campaigns
 * sent to people who gave their contact details.
 *
 * Tags are compared in lower case with spaces and hyphens read as `_`, so
 * `Paid Social`, `paid-social` and `paid_social` are one medium.
 */
export const UTM_MEDIUMS: Record<Exclude<SourceType, 'web'>, readonly string[]> = {
  ppc: ['cpc', 'ppc', 'paid', 'paid_search', 'paidsearch', 'sem', 'cpm', 'cpv', 'display', 'banner', 'retargeting', 'remarketing',
    'native', 'paid_social', 'paidsocial', 'social_paid', 'print', 'tv', 'radio', 'ooh', 'billboard'],
  email: ['email', 'e_mail', 'newsletter', 'sms', 'text', 'mms', 'direct_mail', 'directmail', 'mail', 'postcard'],
  social_media: ['social', 'social_media', 'socialmedia', 'social_network', 'organic_social'],
  referral: ['referral', 'refer', 'word_of_mouth'],
  partner: ['partner', 'partners', 'affiliate', 'affiliates'],
  organic: ['organic', 'seo', 'organic_search'],
  event: ['event', 'events', 'conference', 'tradeshow', 'trade_show', 'expo'],
};

/** Sources that say which kind of source they are whatever the medium is (or when there is none). */
export const UTM_SOURCES: Partial<Record<SourceType, readonly string[]>> = {
  social_media: ['facebook', 'fb', 'instagram', 'ig', 'linkedin', 'twitter', 'x', 'tiktok', 'pinterest', 'youtube', 'reddit', 'snapchat',
    'threads', 'nextdoor'],
  email: ['newsletter', 'mailchimp', 'klaviyo', 'sendgrid', 'hubspot_email', 'email'],
  organic: ['google', 'bing', 'duckduckgo', 'yahoo'],
  partner: ['partner', 'affiliate'],
  referral: ['referral', 'friend'],
};

const normalise = (tag: string) => tag.trim().toLowerCase().replace(/[\s-]+/g, '_');

function lookup(table: Partial<Record<SourceType, readonly string[]>>): Map<string, SourceType> {
  const byTag = new Map<string, SourceType>();
  for (const [type, tags] of Object.entries(table) as [SourceType, readonly string[]][]) {
    for (const tag of tags) {
      if (byTag.has(tag)) throw new Error(`UTM tag "${tag}" is mapped twice (${byTag.get(tag)} and ${type}).`);
      byTag.set(tag, type);
    }
  }
  return byTag;
}

const BY_MEDIUM = lookup(UTM_MEDIUMS);
const BY_SOURCE = lookup(UTM_SOURCES);

const match = (table: Map<string, SourceType>, value: string | null | undefined) =>
  value == null ? null : table.get(normalise(value)) ?? null;

export function sourceTypeFromUtm(utm: { utm_source?: string | null; utm_medium?: string | null }): SourceType | null {
  return match(BY_MEDIUM, utm.utm_medium) ?? match(BY_SOURCE, utm.utm_source);
}
