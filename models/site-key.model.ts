import {
  DataTypes, Model,
  type CreationOptional, type ForeignKey, type InferAttributes, type InferCreationAttributes, type Sequelize,
} from 'sequelize';
import type { Campaign } from './campaign.model.js';
import type { LeadSource } from './lead-source.model.js';
import type { Organization } from './organization.model.js';
import { TIMESTAMP_ATTRIBUTES } from './timestamps.js';
import { REQUIRED, taken } from './validators.js';
import { PRODUCT_TYPES, type ProductType } from './value-sets.js';

/** Theme a site key gives its widget; every entry optional (the widget has defaults). */
export interface WidgetTheme {
  primary_color?: string;
  text_color?: string;
  background_color?: string;
  radius?: string;
  font_family?: string;
}

/**
 * A publishable key (`pk_…`) for one partner site. Browser calls with it
 * must come from one of `allowed_origins` (see the origin_allowed() SQL
 * function). An empty `product_types` offers every product type.
 */
export class SiteKey extends Model<InferAttributes<SiteKey>, InferCreationAttributes<SiteKey>> {
  declare id: CreationOptional<number>;
  declare organization_id: ForeignKey<Organization['id']>;
  declare name: string;
  declare key: string;
  declare allowed_origins: CreationOptional<string[]>;
  declare default_lead_source_id: ForeignKey<LeadSource['id']> | null;
  declare default_campaign_id: ForeignKey<Campaign['id']> | null;
  /** The English consent text; `consent_text_es` is the Spanish one (English is shown to Spanish visitors without it). */
  declare consent_text: string | null;
  declare consent_text_es: string | null;
  declare consent_version: string | null;
  declare product_types: CreationOptional<ProductType[]>;
  declare theme: CreationOptional<WidgetTheme>;
  declare is_active: CreationOptional<boolean>;
  declare last_used_at: Date | null;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

/**
 * An active key must have an English consent text (a visitor must be shown
 * what they agree to): the message for staff when it has none, else null.
 * What a text may hold is the intake API's rule for `consent.text`, which the
 * admin applies too (site-key-form.ts). Not a model validator, because
 * `Model.update` validates only the fields it is given.
 */
export function missingConsentText(key: { is_active?: boolean | null; consent_text?: string | null }): string | null {
  if (key.is_active === false || (key.consent_text ?? '').trim() !== '') return null;
  return 'An active site key needs a consent text: the words visitors agree to when they tick the box, '
    + 'such as "I agree that <your agency> may call and text me about insurance quotes…". '
    + 'Write one, or untick Active to save the key switched off.';
}

/** `https://example.com`, `http://localhost:8080` or `https://*.example.com`: a scheme, a host, an optional port, nothing else. */
const ORIGIN_PATTERN = /^https?:\/\/(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/;

export function initSiteKey(sequelize: Sequelize): typeof SiteKey {
  return SiteKey.init({
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    organization_id: { type: DataTypes.INTEGER, allowNull: false, validate: REQUIRED },
    name: { type: DataTypes.STRING(255), allowNull: false, validate: REQUIRED },
    key: { type: DataTypes.STRING(64), allowNull: false, unique: taken('key', 'ix_site_keys_key'), validate: REQUIRED },
    allowed_origins: {
      type: DataTypes.ARRAY(DataTypes.TEXT), allowNull: false, defaultValue: [],
      validate: {
        origins(value: unknown) {
          for (const origin of (value as string[] | null) ?? []) {
            if (!ORIGIN_PATTERN.test(origin)) {
              throw new Error(`"${origin}" is not an origin. Use the scheme and host only, like https://www.example.com (or https://*.example.com for every subdomain).`);
            }
          }
        },
      },
    },
    default_lead_source_id: { type: DataTypes.INTEGER, allowNull: true },
    default_campaign_id: { type: DataTypes.INTEGER, allowNull: true },
    consent_text: { type: DataTypes.TEXT, allowNull: true },
    consent_text_es: { type: DataTypes.TEXT, allowNull: true },
    consent_version: { type: DataTypes.STRING(50), allowNull: true },
    product_types: {
      type: DataTypes.ARRAY(DataTypes.STRING(50)), allowNull: false, defaultValue: [],
      validate: {
        known(value: unknown) {
          const unknown = ((value as string[] | null) ?? []).filter((t) => !(PRODUCT_TYPES as readonly string[]).includes(t));
          if (unknown.length > 0) throw new Error(`Unknown product type ${unknown.join(', ')}. Choose from: ${PRODUCT_TYPES.join(', ')}.`);
        },
      },
    },
    theme: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
    is_active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    last_used_at: { type: DataTypes.DATE, allowNull: true },
    ...TIMESTAMP_ATTRIBUTES,
  }, {
    sequelize, tableName: 'site_keys', modelName: 'SiteKey', timestamps: false,
    hooks: {
      // Browsers send origins in lower case without a trailing slash; store them the same way so they match.
      beforeValidate(siteKey) {
        if (Array.isArray(siteKey.allowed_origins)) {
          siteKey.allowed_origins = siteKey.allowed_origins
            .map((o) => String(o).trim().toLowerCase().replace(/\/+$/, '')).filter((o) => o !== '');
        }
      },
    },
  });
}
