import {
  DataTypes, Model,
  type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize,
} from 'sequelize';
import { SOURCE_TYPES, type SourceType } from './value-sets.js';
import { TIMESTAMP_ATTRIBUTES } from './timestamps.js';
import { REQUIRED, oneOf, taken, SLUG } from './validators.js';
import { rowsBeingUpdated, skipUnchanged, type ValidateHookOptions } from './saved-rows.js';

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
    name: { type: DataTypes.STRING(255), allowNull: false, validate: REQUIRED },
    slug: { type: DataTypes.STRING(255), allowNull: false, unique: taken('slug', 'ix_lead_sources_slug'), validate: { ...REQUIRED, ...SLUG } },
    description: { type: DataTypes.TEXT, allowNull: true },
    source_type: { type: DataTypes.STRING(100), allowNull: false, validate: oneOf(SOURCE_TYPES) },
    is_active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    ...TIMESTAMP_ATTRIBUTES,
  }, { sequelize, tableName: 'lead_sources', modelName: 'LeadSource', timestamps: false,
    hooks: {
      async beforeValidate(row, options) {
        const rows = await rowsBeingUpdated(LeadSource, options as ValidateHookOptions);
        if (rows) skipUnchanged(row, rows, ['slug'], options as ValidateHookOptions);
      },
    },
  });
}
