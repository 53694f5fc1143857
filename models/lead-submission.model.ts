import {
  DataTypes, Model,
  type CreationOptional, type ForeignKey, type InferAttributes, type InferCreationAttributes, type Sequelize,
} from 'sequelize';
import type { ApiKey } from './api-key.model.js';
import type { Campaign } from './campaign.model.js';
import type { InsuranceProduct } from './insurance-product.model.js';
import type { LeadSource } from './lead-source.model.js';
import type { Lead } from './lead.model.js';
import type { Organization } from './organization.model.js';
import type { SiteKey } from './site-key.model.js';
import type { SubmissionOutcome } from './value-sets.js';

/** One scoring rule's share of a lead's score (server/intake/scoring.ts). */
export interface ScoreItem { rule: string; label: string; points: number; max: number; value?: string | null }

/**
 * Every submission the intake API accepted, as written by the intake_submit()
 * SQL function; append-only (no `updated_at`). Read by the admin, never
 * written through this model on the hot path.
 */
export class LeadSubmission extends Model<InferAttributes<LeadSubmission>, InferCreationAttributes<LeadSubmission>> {
  declare id: CreationOptional<string>;
  declare reference: string;
  declare organization_id: ForeignKey<Organization['id']>;
  declare site_key_id: ForeignKey<SiteKey['id']> | null;
  declare api_key_id: ForeignKey<ApiKey['id']> | null;
  declare lead_id: ForeignKey<Lead['id']> | null;
  declare outcome: SubmissionOutcome;
  /** What this submission asked for and came through, as intake_submit() resolved them (null before 2026-12-03). */
  declare insurance_product_id: CreationOptional<ForeignKey<InsuranceProduct['id']> | null>;
  declare lead_source_id: CreationOptional<ForeignKey<LeadSource['id']> | null>;
  declare campaign_id: CreationOptional<ForeignKey<Campaign['id']> | null>;
  declare payload: Record<string, unknown>;
  declare attribution: CreationOptional<Record<string, unknown>>;
  declare score_breakdown: { score: number; items: ScoreItem[] } | null;
  declare ip_address: string | null;
  declare user_agent: string | null;
  declare created_at: CreationOptional<Date>;
}

export function initLeadSubmission(sequelize: Sequelize): typeof LeadSubmission {
  return LeadSubmission.init({
    id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
    reference: { type: DataTypes.STRING(20), allowNull: false },
    organization_id: { type: DataTypes.INTEGER, allowNull: false },
    site_key_id: { type: DataTypes.INTEGER, allowNull: true },
    api_key_id: { type: DataTypes.INTEGER, allowNull: true },
    lead_id: { type: DataTypes.INTEGER, allowNull: true },
    outcome: { type: DataTypes.STRING(20), allowNull: false },
    insurance_product_id: { type: DataTypes.INTEGER, allowNull: true },
    lead_source_id: { type: DataTypes.INTEGER, allowNull: true },
    campaign_id: { type: DataTypes.INTEGER, allowNull: true },
    payload: { type: DataTypes.JSONB, allowNull: false },
    attribution: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
    score_breakdown: { type: DataTypes.JSONB, allowNull: true },
    ip_address: { type: DataTypes.INET, allowNull: true },
    user_agent: { type: DataTypes.STRING(512), allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: true },
  }, { sequelize, tableName: 'lead_submissions', modelName: 'LeadSubmission', timestamps: false });
}
