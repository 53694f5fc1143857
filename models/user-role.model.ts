import {
  DataTypes, Model,
  type CreationOptional, type ForeignKey, type InferAttributes, type InferCreationAttributes, type Sequelize,
} from 'sequelize';
import { STAFF_ROLES, type StaffRole } from './value-sets.js';
import { TIMESTAMP_ATTRIBUTES } from './timestamps.js';
import type { User } from './user.model.js';

/** A staff member's role in their organization; no row means agent (see STAFF_ROLES). */
export class UserRole extends Model<InferAttributes<UserRole>, InferCreationAttributes<UserRole>> {
  declare user_id: ForeignKey<User['id']>;
  declare role: StaffRole;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initUserRole(sequelize: Sequelize): typeof UserRole {
  return UserRole.init({
    user_id: { type: DataTypes.INTEGER, primaryKey: true },
    role: { type: DataTypes.STRING(20), allowNull: false, validate: { isIn: [[...STAFF_ROLES]] } },
    ...TIMESTAMP_ATTRIBUTES,
  }, { sequelize, tableName: 'user_roles', modelName: 'UserRole', timestamps: false });
}
