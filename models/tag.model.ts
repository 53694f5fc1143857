import {
  DataTypes, Model,
  type CreationOptional, type ForeignKey, type InferAttributes, type InferCreationAttributes, type Sequelize,
} from 'sequelize';
import type { Organization } from './organization.model.js';
import { TIMESTAMP_ATTRIBUTES } from './timestamps.js';
import { REQUIRED, SLUG, oneOf } from './validators.js';
import { TAG_COLOURS, type TagColour } from './value-sets.js';

/** The unique index that keeps a slug to one tag per organization, and what staff read when theirs is taken. */
export const TAG_SLUG_TAKEN = {
  index: 'ux_tags_organization_id_slug',
  message: 'Your organization already has a tag with this short name. Choose another.',
};

/** One organization's label for leads ("VIP", "Spanish speaker"); never seen by another organization. */
export class Tag extends Model<InferAttributes<Tag>, InferCreationAttributes<Tag>> {
  declare id: CreationOptional<number>;
  declare organization_id: ForeignKey<Organization['id']>;
  declare name: string;
  declare slug: string;
  declare colour: CreationOptional<TagColour>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initTag(sequelize: Sequelize): typeof Tag {
  return Tag.init({
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    organization_id: { type: DataTypes.INTEGER, allowNull: false, validate: REQUIRED },
    name: { type: DataTypes.STRING(50), allowNull: false, validate: { ...REQUIRED, len: { args: [1, 50], msg: 'Use at most 50 characters.' } } },
    slug: { type: DataTypes.STRING(60), allowNull: false, validate: { ...REQUIRED, ...SLUG, len: { args: [1, 60], msg: 'Use at most 60 characters.' } } },
    colour: { type: DataTypes.STRING(20), allowNull: false, defaultValue: 'slate', validate: oneOf(TAG_COLOURS) },
    ...TIMESTAMP_ATTRIBUTES,
  }, { sequelize, tableName: 'tags', modelName: 'Tag', timestamps: false });
}
