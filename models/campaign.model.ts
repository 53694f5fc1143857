import {
  DataTypes, Model,
  type CreationOptional, type ForeignKey, type InferAttributes, type InferCreationAttributes, type Sequelize,
} from 'sequelize';
import type { Organization } from './organization.model.js';
import { CAMPAIGN_STATUSES, type CampaignStatus } from './value-sets.js';
import { TIMESTAMP_ATTRIBUTES } from './timestamps.js';
import { REQUIRED, oneOf, taken } from './validators.js';

export class Campaign extends Model<InferAttributes<Campaign>, InferCreationAttributes<Campaign>> {
  declare id: CreationOptional<number>;
  declare name: string;
  declare slug: string;
  declare description: string | null;
  /** Free text in the spec ("seasonal, promotional, etc."), so no CHECK. */
  declare campaign_type: string;
  declare status: CreationOptional<CampaignStatus>;
  /** NUMERIC(10,2): pg returns it as a string so cents are never rounded through a float. */
  declare budget: string | null;
  declare start_date: Date | null;
  declare end_date: Date | null;
  declare is_active: CreationOptional<boolean>;
  declare organization_id: ForeignKey<Organization['id']> | null;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initCampaign(sequelize: Sequelize): typeof Campaign {
  return Campaign.init({
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    name: { type: DataTypes.STRING(255), allowNull: false, validate: REQUIRED },
    slug: { type: DataTypes.STRING(255), allowNull: false, unique: taken('slug', 'ix_campaigns_slug'), validate: REQUIRED },
    description: { type: DataTypes.TEXT, allowNull: true },
    campaign_type: { type: DataTypes.STRING(100), allowNull: false, validate: REQUIRED },
    status: {
      type: DataTypes.STRING(50), allowNull: false, defaultValue: 'draft',
      validate: oneOf(CAMPAIGN_STATUSES),
    },
    budget: { type: DataTypes.DECIMAL(10, 2), allowNull: true },
    start_date: { type: DataTypes.DATE, allowNull: true },
    end_date: { type: DataTypes.DATE, allowNull: true },
    is_active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    organization_id: { type: DataTypes.INTEGER, allowNull: true },
    ...TIMESTAMP_ATTRIBUTES,
  }, { sequelize, tableName: 'campaigns', modelName: 'Campaign', timestamps: false });
}
