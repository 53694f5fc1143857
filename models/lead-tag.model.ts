import {
  DataTypes, Model,
  type CreationOptional, type ForeignKey, type InferAttributes, type InferCreationAttributes, type Sequelize,
} from 'sequelize';
import type { Lead } from './lead.model.js';
import type { Tag } from './tag.model.js';
import type { User } from './user.model.js';

/** A tag on a lead; both of one organization (the lead_tags_same_organization trigger). */
export class LeadTag extends Model<InferAttributes<LeadTag>, InferCreationAttributes<LeadTag>> {
  declare id: CreationOptional<number>;
  declare lead_id: ForeignKey<Lead['id']>;
  declare tag_id: ForeignKey<Tag['id']>;
  declare created_by: ForeignKey<User['id']> | null;
  declare created_at: CreationOptional<Date>;
}

export function initLeadTag(sequelize: Sequelize): typeof LeadTag {
  return LeadTag.init({
    id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
    lead_id: { type: DataTypes.INTEGER, allowNull: false },
    tag_id: { type: DataTypes.INTEGER, allowNull: false },
    created_by: { type: DataTypes.INTEGER, allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: true },
  }, { sequelize, tableName: 'lead_tags', modelName: 'LeadTag', timestamps: false });
}
