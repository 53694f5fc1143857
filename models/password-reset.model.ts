import {
  DataTypes, Model,
  type CreationOptional, type ForeignKey, type InferAttributes, type InferCreationAttributes, type Sequelize,
} from 'sequelize';
import { TIMESTAMP_ATTRIBUTES } from './timestamps.js';
import type { User } from './user.model.js';

/**
 * A single-use link to choose a new password (server/admin/accounts/password-reset.ts).
 * Only the token's SHA-256 is stored: whoever reads the table cannot use a link.
 */
export class PasswordReset extends Model<InferAttributes<PasswordReset>, InferCreationAttributes<PasswordReset>> {
  declare id: CreationOptional<number>;
  declare user_id: ForeignKey<User['id']>;
  declare token_sha256: string;
  declare expires_at: Date;
  declare used_at: Date | null;
  declare created_by_id: ForeignKey<User['id']> | null;
  declare created_at: CreationOptional<Date>;
}

export function initPasswordReset(sequelize: Sequelize): typeof PasswordReset {
  return PasswordReset.init({
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    user_id: { type: DataTypes.INTEGER, allowNull: false },
    token_sha256: { type: DataTypes.CHAR(64), allowNull: false },
    expires_at: { type: DataTypes.DATE, allowNull: false },
    used_at: { type: DataTypes.DATE, allowNull: true },
    created_by_id: { type: DataTypes.INTEGER, allowNull: true },
    created_at: TIMESTAMP_ATTRIBUTES.created_at,
  }, { sequelize, tableName: 'password_resets', modelName: 'PasswordReset', timestamps: false });
}
