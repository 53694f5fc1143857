import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { QueryTypes, type Sequelize } from 'sequelize';
import { LANGUAGES, type Language } from '../../models/lead-rules.js';
import type { WidgetTheme } from '../../models/site-key.model.js';
import { PRODUCT_TYPES, PRODUCT_TYPE_LABELS, type ProductType } from '../../models/value-sets.js';
import { AppError } from '../errors.js';
import { notModified } from '../http/conditional.js';
import { CONSENT_TEMPLATES, CONSENT_TEMPLATE_VERSION } from './consent-template.js';
import type { Cors } from './cors.js';
import { readCredential } from './credentials.js';
import { originRefused, unknownKey } from './intake.errors.js';
import type { WidgetConfigResponse } from './intake.responses.js';

/** What a widget needs to draw its form: the shape `GET /api/v1/widget-config` returns, defined once by its zod schema. */
export type WidgetConfig = WidgetConfigResponse;

interface Row {
  name: string; origin_ok: boolean; consent_text: string | null; consent_text_es: string | null; consent_version: string | null;
  offered: ProductType[]; theme: WidgetTheme;
}

/** `?lang=`: the visitor's language as the widget chose it; anything else is English. */
function requestedLanguage(value: unknown): Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value) ? value as Language : 'en';
}

const present = (text: string | null): text is string => text !== null && text.trim() !== '';

/**
 * The consent a visitor in `lang` is shown: the key's text in that language,
 * else its English text, else (a key saved before the admin required one)
 * LeadHarbor's template in that language with the agency's name, under the
 * template's own version, so the consent record says which words were shown
 * and the form never has a checkbox with nothing to agree to.
 */
function consentFor(row: Pick<Row, 'name' | 'consent_text' | 'consent_text_es' | 'consent_version'>, lang: Language): WidgetConfig['consent'] {
  if (lang === 'es' && present(row.consent_text_es)) return { text: row.consent_text_es, version: row.consent_version, language: 'es' };
  if (present(row.consent_text)) return { text: row.consent_text, version: row.consent_version, language: 'en' };
  return { text: CONSENT_TEMPLATES[lang](row.name), version: CONSENT_TEMPLATE_VERSION, language: lang };
}

/**
 * `GET /api/v1/widget-config`: the key's form settings. The key may come as
 * `?key=`, which keeps the request "simple" (no CORS preflight) so the
 * widget's first paint waits for one round trip, not two; `?lang=es` asks
 * for the Spanish consent text. Origin-checked
 * when the browser sends an Origin; cached briefly by browsers with an ETag.
 * Its error answers are readable from any page (see Cors.allowErrorBody).
 */
export function widgetConfigHandler(sequelize: Sequelize, cors: Cors) {
  const answer = async (req: Request, res: Response): Promise<void> => {
    const credential = readCredential(req, { allowQuery: true, publishableOnly: true });
    if (credential.kind !== 'pk') throw unknownKey();
    const origin = req.get('Origin') ?? null;
    const row = await sequelize.query<Row>(`
      SELECT o.name, origin_allowed(s.allowed_origins, $2) AS origin_ok, s.consent_text, s.consent_text_es, s.consent_version, s.theme,
             ARRAY(SELECT DISTINCT p.product_type FROM insurance_products p
                    WHERE p.is_active AND (cardinality(s.product_types) = 0 OR p.product_type = ANY (s.product_types))) AS offered
        FROM usable_site_keys() s JOIN organizations o ON o.id = s.organization_id
       WHERE s.key = $1`,
    { bind: [credential.key, origin], type: QueryTypes.SELECT, plain: true });
    if (!row) throw unknownKey(credential.key);
    if (origin !== null) {
      if (!row.origin_ok) throw originRefused(origin);
      cors.allow(res, origin);
      cors.allowedNow(credential.key, origin); // so its 503s stay readable by this page during an outage
    }
    const config: WidgetConfig = {
      organization: { name: row.name },
      products: PRODUCT_TYPES.filter((type) => row.offered.includes(type)).map((value) => ({ value, label: PRODUCT_TYPE_LABELS[value] })),
      consent: consentFor(row, requestedLanguage(req.query.lang)),
      theme: row.theme,
    };
    const body = JSON.stringify(config);
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    res.set({ ETag: etag, 'Cache-Control': 'public, max-age=60, stale-while-revalidate=600' });
    if (notModified(req, etag)) {
      res.status(304).end();
      return;
    }
    res.type('application/json').send(body);
  };
  return async (req: Request, res: Response): Promise<void> => {
    res.vary('Origin');
    try {
      await answer(req, res);
    } catch (error) {
      // The widget must tell "wrong key or origin" (show "not available", say why) from "try again later".
      cors.allowErrorBody(res);
      throw error;
    }
  };
}
