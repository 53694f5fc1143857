import {
  DataTypes, Model,
  type CreationOptional, type ForeignKey, type InferAttributes, type InferCreationAttributes, type Sequelize,
} from 'sequelize';
import type { Organization } from './organization.model.js';
import { TIMESTAMP_ATTRIBUTES } from './timestamps.js';
import { EMAIL, REQUIRED, taken } from './validators.js';

export class User extends Model<InferAttributes<User>, InferCreationAttributes<User>> {
  declare id: CreationOptional<number>;
  declare email: string;
  declare hashed_password: string;
  declare first_name: string;
  declare last_name: string;
  declare is_active: CreationOptional<boolean>;
  declare is_superuser: CreationOptional<boolean>;
  declare phone: string | null;
  declare organization_id: ForeignKey<Organization['id']> | null;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initUser(sequelize: Sequelize): typeof User {
  return User.init({
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    email: {
      type: DataTypes.STRING(255), allowNull: false, unique: taken('email', 'ix_users_email'), validate: { ...REQUIRED, ...EMAIL },
      // Logins compare lower-cased emails, so store them that way.
      set(value: string) { this.setDataValue('email', typeof value === 'string' ? value.trim().toLowerCase() : value); },
    },
    hashed_password: { type: DataTypes.STRING(255), allowNull: false },
    first_name: { type: DataTypes.STRING(100), allowNull: false, validate: REQUIRED },
    last_name: { type: DataTypes.STRING(100), allowNull: false, validate: REQUIRED },
    is_active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    is_superuser: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    phone: { type: DataTypes.STRING(50), allowNull: true },
    organization_id: { type: DataTypes.INTEGER, allowNull: true },
    ...TIMESTAMP_ATTRIBUTES,
  }, {
    sequelize, tableName: 'users', modelName: 'User', timestamps: false,
    // The hash never leaves the model unless a caller asks for it by scope.
    defaultScope: { attributes: { exclude: ['hashed_password'] } },
    scopes: { withPassword: { attributes: { include: ['hashed_password'] } } },
  });
}
