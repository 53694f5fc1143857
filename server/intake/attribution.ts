import type { SourceType } from '../../models/value-sets.js';

/**
 * Which kind of lead source a visit came from, read from its UTM tags the
 * way marketers tag links. The medium decides first (a paid click on
 * Facebook is `ppc`), then the source. Null when the tags say nothing we
 * recognise: the submission then takes its key's default source, or `web`.
 * Raw tags are always kept on the submission.
 */
const BY_MEDIUM: [RegExp, SourceType][] = [
  [/^(cpc|ppc|paid|paid[-_ ]?search|sem|cpm|display|paidsocial|paid[-_ ]social)$/, 'ppc'],
  [/^(e-?mail|newsletter)$/, 'email'],
  [/^(social|social[-_ ]?media|social[-_ ]network)$/, 'social_media'],
  [/^(referral|refer|word[-_ ]of[-_ ]mouth)$/, 'referral'],
  [/^(partner|affiliate|affiliates)$/, 'partner'],
  [/^(organic|seo)$/, 'organic'],
  [/^(event|events|conference|tradeshow|trade[-_ ]show)$/, 'event'],
];

const BY_SOURCE: [RegExp, SourceType][] = [
  [/^(facebook|fb|instagram|ig|linkedin|twitter|x|tiktok|pinterest|youtube|reddit|snapchat|threads|nextdoor)$/, 'social_media'],
  [/^(newsletter|mailchimp|klaviyo|sendgrid|hubspot[-_ ]email|email)$/, 'email'],
  [/^(google|bing|duckduckgo|yahoo)$/, 'organic'],
  [/^(partner|affiliate)$/, 'partner'],
  [/^(referral|friend)$/, 'referral'],
];

const match = (rules: [RegExp, SourceType][], value: string | null | undefined) =>
  value == null ? null : rules.find(([pattern]) => pattern.test(value.trim().toLowerCase()))?.[1] ?? null;

export function sourceTypeFromUtm(utm: { utm_source?: string | null; utm_medium?: string | null }): SourceType | null {
  return match(BY_MEDIUM, utm.utm_medium) ?? match(BY_SOURCE, utm.utm_source);
}
