import {
  DataTypes, Model,
  type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize,
} from 'sequelize';
import { TIMESTAMP_ATTRIBUTES } from './timestamps.js';
import { DEFAULT_TIME_ZONE } from './time-zones.js';
import { EMAIL, REQUIRED, TIME_ZONE, taken, SLUG } from './validators.js';
import { rowsBeingUpdated, skipUnchanged, type ValidateHookOptions } from './saved-rows.js';

export class Organization extends Model<InferAttributes<Organization>, InferCreationAttributes<Organization>> {
  declare id: CreationOptional<number>;
  declare name: string;
  declare slug: string;
  declare description: string | null;
  declare website: string | null;
  declare phone: string | null;
  declare email: string | null;
  declare is_active: CreationOptional<boolean>;
  /** IANA name of the zone its times are shown in (see models/time-zones.ts). */
  declare timezone: CreationOptional<string>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initOrganization(sequelize: Sequelize): typeof Organization {
  return Organization.init({
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    name: { type: DataTypes.STRING(255), allowNull: false, validate: REQUIRED },
    slug: { type: DataTypes.STRING(255), allowNull: false, unique: taken('slug', 'ix_organizations_slug'), validate: { ...REQUIRED, ...SLUG } },
    description: { type: DataTypes.TEXT, allowNull: true },
    website: { type: DataTypes.STRING(255), allowNull: true },
    phone: { type: DataTypes.STRING(50), allowNull: true },
    email: { type: DataTypes.STRING(255), allowNull: true, validate: EMAIL },
    is_active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    timezone: { type: DataTypes.STRING(64), allowNull: false, defaultValue: DEFAULT_TIME_ZONE, validate: { ...REQUIRED, ...TIME_ZONE } },
    ...TIMESTAMP_ATTRIBUTES,
  }, { sequelize, tableName: 'organizations', modelName: 'Organization', timestamps: false,
    hooks: {
      async beforeValidate(row, options) {
        const rows = await rowsBeingUpdated(Organization, options as ValidateHookOptions);
        if (rows) skipUnchanged(row, rows, ['slug'], options as ValidateHookOptions);
      },
    },
  });
}
