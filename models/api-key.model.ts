import {
  DataTypes, Model,
  type CreationOptional, type ForeignKey, type InferAttributes, type InferCreationAttributes, type Sequelize,
} from 'sequelize';
import type { Organization } from './organization.model.js';
import type { User } from './user.model.js';
import { TIMESTAMP_ATTRIBUTES } from './timestamps.js';
import { REQUIRED, taken } from './validators.js';

/**
 * A secret key (`sk_…`) for server-to-server calls. Only its SHA-256 is
 * stored; the key itself is shown once, when it is created
 * (server/auth/keys.ts makes both).
 */
export class ApiKey extends Model<InferAttributes<ApiKey>, InferCreationAttributes<ApiKey>> {
  declare id: CreationOptional<number>;
  declare organization_id: ForeignKey<Organization['id']>;
  declare name: string;
  declare prefix: string;
  declare key_hash: string;
  declare created_by_id: ForeignKey<User['id']> | null;
  declare revoked_at: Date | null;
  declare last_used_at: Date | null;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initApiKey(sequelize: Sequelize): typeof ApiKey {
  return ApiKey.init({
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    organization_id: { type: DataTypes.INTEGER, allowNull: false, validate: REQUIRED },
    name: { type: DataTypes.STRING(255), allowNull: false, validate: REQUIRED },
    prefix: { type: DataTypes.STRING(16), allowNull: false },
    key_hash: { type: DataTypes.CHAR(64), allowNull: false, unique: taken('key', 'ix_api_keys_key_hash') },
    created_by_id: { type: DataTypes.INTEGER, allowNull: true },
    revoked_at: { type: DataTypes.DATE, allowNull: true },
    last_used_at: { type: DataTypes.DATE, allowNull: true },
    ...TIMESTAMP_ATTRIBUTES,
  }, { sequelize, tableName: 'api_keys', modelName: 'ApiKey', timestamps: false });
}
