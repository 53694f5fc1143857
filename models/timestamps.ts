import { DataTypes, type ModelAttributeColumnOptions } from 'sequelize';

/**
 * `created_at`/`updated_at` belong to the database: column defaults fill them
 * on insert and the `set_updated_at()` trigger on every update. Sequelize
 * leaves them out of its writes (so `allowNull` here is about the model's
 * validation, not the column, which is NOT NULL) and reads them back.
 */
export const TIMESTAMP_ATTRIBUTES: { created_at: ModelAttributeColumnOptions; updated_at: ModelAttributeColumnOptions } = {
  created_at: { type: DataTypes.DATE, allowNull: true },
  updated_at: { type: DataTypes.DATE, allowNull: true },
};
