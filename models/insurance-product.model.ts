import {
  DataTypes, Model,
  type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize,
} from 'sequelize';
import { PRODUCT_TYPES, type ProductType } from './value-sets.js';
import { TIMESTAMP_ATTRIBUTES } from './timestamps.js';
import { REQUIRED, oneOf, taken, SLUG } from './validators.js';
import { rowsBeingUpdated, skipUnchanged, type ValidateHookOptions } from './saved-rows.js';

export class InsuranceProduct extends Model<InferAttributes<InsuranceProduct>, InferCreationAttributes<InsuranceProduct>> {
  declare id: CreationOptional<number>;
  declare name: string;
  declare slug: string;
  declare description: string | null;
  declare product_type: ProductType;
  /** NUMERIC columns come back from pg as strings, exact to the cent. */
  declare coverage_amount: string | null;
  declare premium_range_min: string | null;
  declare premium_range_max: string | null;
  declare is_active: CreationOptional<boolean>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initInsuranceProduct(sequelize: Sequelize): typeof InsuranceProduct {
  return InsuranceProduct.init({
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    name: { type: DataTypes.STRING(255), allowNull: false, validate: REQUIRED },
    slug: { type: DataTypes.STRING(255), allowNull: false, unique: taken('slug', 'ix_insurance_products_slug'), validate: { ...REQUIRED, ...SLUG } },
    description: { type: DataTypes.TEXT, allowNull: true },
    product_type: { type: DataTypes.STRING(100), allowNull: false, validate: oneOf(PRODUCT_TYPES) },
    coverage_amount: { type: DataTypes.DECIMAL(12, 2), allowNull: true },
    premium_range_min: { type: DataTypes.DECIMAL(10, 2), allowNull: true },
    premium_range_max: { type: DataTypes.DECIMAL(10, 2), allowNull: true },
    is_active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    ...TIMESTAMP_ATTRIBUTES,
  }, { sequelize, tableName: 'insurance_products', modelName: 'InsuranceProduct', timestamps: false,
    hooks: {
      async beforeValidate(row, options) {
        const rows = await rowsBeingUpdated(InsuranceProduct, options as ValidateHookOptions);
        if (rows) skipUnchanged(row, rows, ['slug'], options as ValidateHookOptions);
      },
    },
  });
}
