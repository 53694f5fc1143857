import {
  DataTypes, Model,
  type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize,
} from 'sequelize';
import { SOURCE_TYPES, type SourceType } from './value-sets.js';
import { TIMESTAMP_ATTRIBUTES } from './timestamps.js';

export class LeadSource extends Model<InferAttributes<LeadSource>, InferCreationAttributes<LeadSource>> {
  declare id: CreationOptional<number>;
  declare name: string;
  declare slug: string;
  declare description: string | null;
  declare source_type: SourceType;
  declare is_active: CreationOptional<boolean>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initLeadSource(sequelize: Sequelize): typeof LeadSource {
  return LeadSource.init({
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    name: { type: DataTypes.STRING(255), allowNull: false, validate: { notEmpty: true } },
    slug: { type: DataTypes.STRING(255), allowNull: false, unique: true, validate: { notEmpty: true } },
    description: { type: DataTypes.TEXT, allowNull: true },
    source_type: { type: DataTypes.STRING(100), allowNull: false, validate: { isIn: [[...SOURCE_TYPES]] } },
    is_active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    ...TIMESTAMP_ATTRIBUTES,
  }, { sequelize, tableName: 'lead_sources', modelName: 'LeadSource', timestamps: false });
}
