import {
  DataTypes, Model,
  type CreationOptional, type ForeignKey, type InferAttributes, type InferCreationAttributes, type Sequelize,
} from 'sequelize';
import type { Lead } from './lead.model.js';
import type { Organization } from './organization.model.js';
import type { User } from './user.model.js';
import { TIMESTAMP_ATTRIBUTES } from './timestamps.js';
import { DOCUMENT_TYPES, type DocumentType } from './value-sets.js';

/**
 * A file attached to a lead. Rows are written only by the upload route
 * (server/documents/upload-route.ts), after the file is stored; nothing edits
 * them afterwards. `organization_id` is the lead's, copied at upload so the
 * admin's organization scope applies to documents as to every table.
 */
export class Document extends Model<InferAttributes<Document>, InferCreationAttributes<Document>> {
  declare id: CreationOptional<number>;
  declare lead_id: ForeignKey<Lead['id']>;
  declare organization_id: ForeignKey<Organization['id']>;
  declare uploaded_by: ForeignKey<User['id']> | null;
  declare original_name: string;
  declare content_type: DocumentType;
  /** A bigint column: pg returns it as a string. */
  declare size_bytes: number | string;
  declare storage_key: string;
  declare sha256: string;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initDocument(sequelize: Sequelize): typeof Document {
  return Document.init({
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    lead_id: { type: DataTypes.INTEGER, allowNull: false },
    organization_id: { type: DataTypes.INTEGER, allowNull: false },
    uploaded_by: { type: DataTypes.INTEGER, allowNull: true },
    original_name: { type: DataTypes.STRING(255), allowNull: false },
    content_type: { type: DataTypes.STRING(100), allowNull: false, validate: { isIn: [[...DOCUMENT_TYPES]] } },
    size_bytes: { type: DataTypes.BIGINT, allowNull: false, validate: { min: 1 } },
    storage_key: { type: DataTypes.STRING(200), allowNull: false, unique: 'ix_documents_storage_key' },
    sha256: { type: DataTypes.CHAR(64), allowNull: false },
    ...TIMESTAMP_ATTRIBUTES,
  }, { sequelize, tableName: 'documents', modelName: 'Document', timestamps: false });
}
