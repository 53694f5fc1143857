import {
  DataTypes, Model,
  type CreationOptional, type ForeignKey, type InferAttributes, type InferCreationAttributes, type Sequelize,
} from 'sequelize';
import type { Lead } from './lead.model.js';
import type { LeadSubmission } from './lead-submission.model.js';
import type { Language } from './lead-rules.js';
import type { Organization } from './organization.model.js';

/**
 * Proof of consent for one submission. The database refuses every change to
 * a row (trigger `trg_consents_immutable`), so this model only reads.
 */
export class Consent extends Model<InferAttributes<Consent>, InferCreationAttributes<Consent>> {
  declare id: CreationOptional<string>;
  declare organization_id: ForeignKey<Organization['id']>;
  declare lead_id: ForeignKey<Lead['id']> | null;
  declare submission_id: ForeignKey<LeadSubmission['id']> | null;
  declare granted: boolean;
  declare consent_text: string | null;
  declare consent_version: string | null;
  declare text_sha256: string | null;
  /** The language of the text shown (en, es); null when the caller did not say. */
  declare language: Language | null;
  declare granted_at: CreationOptional<Date>;
  declare ip_address: string | null;
  declare user_agent: string | null;
  declare page_url: string | null;
  declare trustedform_cert_url: string | null;
  declare leadid_token: string | null;
  declare created_at: CreationOptional<Date>;
}

export function initConsent(sequelize: Sequelize): typeof Consent {
  return Consent.init({
    id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
    organization_id: { type: DataTypes.INTEGER, allowNull: false },
    lead_id: { type: DataTypes.INTEGER, allowNull: true },
    submission_id: { type: DataTypes.BIGINT, allowNull: true },
    granted: { type: DataTypes.BOOLEAN, allowNull: false },
    consent_text: { type: DataTypes.TEXT, allowNull: true },
    consent_version: { type: DataTypes.STRING(50), allowNull: true },
    text_sha256: { type: DataTypes.CHAR(64), allowNull: true },
    language: { type: DataTypes.STRING(2), allowNull: true },
    granted_at: { type: DataTypes.DATE, allowNull: true },
    ip_address: { type: DataTypes.INET, allowNull: true },
    user_agent: { type: DataTypes.STRING(512), allowNull: true },
    page_url: { type: DataTypes.STRING(2048), allowNull: true },
    trustedform_cert_url: { type: DataTypes.STRING(2048), allowNull: true },
    leadid_token: { type: DataTypes.STRING(255), allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: true },
  }, { sequelize, tableName: 'consents', modelName: 'Consent', timestamps: false });
}
