import {
  DataTypes, Model,
  type CreationOptional, type ForeignKey, type InferAttributes, type InferCreationAttributes, type Sequelize, type Transaction,
} from 'sequelize';
import type { Lead } from './lead.model.js';
import type { Organization } from './organization.model.js';
import type { User } from './user.model.js';
import { TIMESTAMP_ATTRIBUTES } from './timestamps.js';
import { REQUIRED } from './validators.js';
import { NOTE_BODY_MAX } from './value-sets.js';

export const NOTE_BODY_MESSAGE = `Write the note: 1 to ${NOTE_BODY_MAX.toLocaleString('en-US')} characters.`;

/**
 * A staff member's note on a lead: plain text with line breaks, shown as
 * text and never as HTML. Its organization is always its lead's (set here
 * from the lead, whatever the caller sent), so a note can never be filed
 * under an organization that cannot see the lead.
 */
export class Note extends Model<InferAttributes<Note>, InferCreationAttributes<Note>> {
  declare id: CreationOptional<number>;
  declare lead_id: ForeignKey<Lead['id']>;
  declare organization_id: ForeignKey<Organization['id']>;
  declare author_id: ForeignKey<User['id']> | null;
  declare body: string;
  declare is_pinned: CreationOptional<boolean>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initNote(sequelize: Sequelize): typeof Note {
  return Note.init({
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    lead_id: { type: DataTypes.INTEGER, allowNull: false, validate: REQUIRED },
    organization_id: { type: DataTypes.INTEGER, allowNull: false },
    author_id: { type: DataTypes.INTEGER, allowNull: true },
    body: {
      type: DataTypes.TEXT, allowNull: false,
      validate: { ...REQUIRED, len: { args: [1, NOTE_BODY_MAX], msg: NOTE_BODY_MESSAGE } },
    },
    is_pinned: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    ...TIMESTAMP_ATTRIBUTES,
  }, {
    sequelize, tableName: 'notes', modelName: 'Note', timestamps: false,
    hooks: {
      async beforeValidate(note, options) {
        // Browsers send a textarea's line breaks as CRLF: stored as \n, so a note reads and counts the same whoever wrote it.
        if (typeof note.body === 'string') note.body = note.body.replace(/\r\n?/g, '\n');
        if (!note.isNewRecord || !note.lead_id) return;
        const transaction = (options as { transaction?: Transaction }).transaction;
        const lead = await sequelize.models.Lead!.findByPk(note.lead_id, { attributes: ['organization_id'], transaction });
        if (lead) note.organization_id = lead.get('organization_id') as number;
      },
    },
  });
}
