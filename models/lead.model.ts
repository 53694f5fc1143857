import {
  DataTypes, Model,
  type CreationOptional, type ForeignKey, type InferAttributes, type InferCreationAttributes, type Sequelize,
} from 'sequelize';
import type { Campaign } from './campaign.model.js';
import type { InsuranceProduct } from './insurance-product.model.js';
import type { LeadSource } from './lead-source.model.js';
import type { Organization } from './organization.model.js';
import {
  LEAD_PRIORITIES, LEAD_STATUSES, SCORE_MAX, SCORE_MIN, type LeadPriority, type LeadStatus,
} from './value-sets.js';
import { TIMESTAMP_ATTRIBUTES } from './timestamps.js';
import { EMAIL, REQUIRED, between, oneOf } from './validators.js';

export class Lead extends Model<InferAttributes<Lead>, InferCreationAttributes<Lead>> {
  declare id: CreationOptional<number>;
  declare first_name: string;
  declare last_name: string;
  declare email: string;
  declare phone: string | null;
  /** DATE without time: `YYYY-MM-DD`, so no time zone can shift a birthday. */
  declare date_of_birth: string | null;
  declare address: string | null;
  declare city: string | null;
  declare state: string | null;
  declare zip_code: string | null;
  declare country: CreationOptional<string>;
  declare status: CreationOptional<LeadStatus>;
  declare priority: CreationOptional<LeadPriority>;
  declare score: number | null;
  declare notes: string | null;
  declare estimated_value: string | null;
  declare last_contact_date: Date | null;
  declare next_follow_up_date: Date | null;
  declare organization_id: ForeignKey<Organization['id']> | null;
  declare lead_source_id: ForeignKey<LeadSource['id']> | null;
  declare campaign_id: ForeignKey<Campaign['id']> | null;
  declare insurance_product_id: ForeignKey<InsuranceProduct['id']> | null;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initLead(sequelize: Sequelize): typeof Lead {
  return Lead.init({
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    first_name: { type: DataTypes.STRING(100), allowNull: false, validate: REQUIRED },
    last_name: { type: DataTypes.STRING(100), allowNull: false, validate: REQUIRED },
    email: { type: DataTypes.STRING(255), allowNull: false, validate: { ...REQUIRED, ...EMAIL } },
    phone: { type: DataTypes.STRING(50), allowNull: true },
    date_of_birth: { type: DataTypes.DATEONLY, allowNull: true },
    address: { type: DataTypes.STRING(255), allowNull: true },
    city: { type: DataTypes.STRING(100), allowNull: true },
    state: { type: DataTypes.STRING(50), allowNull: true },
    zip_code: { type: DataTypes.STRING(20), allowNull: true },
    country: { type: DataTypes.STRING(100), allowNull: false, defaultValue: 'USA' },
    status: {
      type: DataTypes.STRING(50), allowNull: false, defaultValue: 'new',
      validate: oneOf(LEAD_STATUSES),
    },
    priority: {
      type: DataTypes.STRING(50), allowNull: false, defaultValue: 'medium',
      validate: oneOf(LEAD_PRIORITIES),
    },
    score: { type: DataTypes.INTEGER, allowNull: true, validate: between(SCORE_MIN, SCORE_MAX) },
    notes: { type: DataTypes.TEXT, allowNull: true },
    estimated_value: { type: DataTypes.DECIMAL(10, 2), allowNull: true },
    last_contact_date: { type: DataTypes.DATE, allowNull: true },
    next_follow_up_date: { type: DataTypes.DATE, allowNull: true },
    organization_id: { type: DataTypes.INTEGER, allowNull: true },
    lead_source_id: { type: DataTypes.INTEGER, allowNull: true },
    campaign_id: { type: DataTypes.INTEGER, allowNull: true },
    insurance_product_id: { type: DataTypes.INTEGER, allowNull: true },
    ...TIMESTAMP_ATTRIBUTES,
  }, { sequelize, tableName: 'leads', modelName: 'Lead', timestamps: false });
}
