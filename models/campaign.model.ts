import {
  DataTypes, Model, ValidationError, ValidationErrorItem,
  type CreationOptional, type ForeignKey, type InferAttributes, type InferCreationAttributes, type Sequelize, type UpdateOptions,
} from 'sequelize';
import type { Organization } from './organization.model.js';
import { CAMPAIGN_STATUSES, CAMPAIGN_TYPES, isActiveCampaignStatus, type CampaignStatus } from './value-sets.js';
import { TIMESTAMP_ATTRIBUTES } from './timestamps.js';
import { REQUIRED, SLUG, oneOf, taken } from './validators.js';
import { rowsBeingUpdated, skipUnchanged, type ValidateHookOptions } from './saved-rows.js';

/** The pair rule, as the model, the admin and the CHECK constraint of the same name all word it. */
export const END_AFTER_START = {
  constraint: 'ck_campaigns_end_after_start',
  field: 'end_date',
  message: 'The end date must be on or after the start date.',
} as const;

/** NUMERIC(10,2): at most eight digits before the point and two after it. */
const BUDGET_PATTERN = /^\d{1,8}(\.\d{1,2})?$/;
const BUDGET_MESSAGE = 'Enter an amount such as 12500 or 12500.50 (at most 99,999,999.99).';
const DATE_MESSAGE = 'Enter a valid date.';

const validDate = (value: unknown) => value instanceof Date ? !Number.isNaN(value.getTime()) : !Number.isNaN(new Date(String(value)).getTime());

function endsBeforeStart(start: unknown, end: unknown): boolean {
  if (start == null || end == null || start === '' || end === '' || !validDate(start) || !validDate(end)) return false;
  return new Date(end as string).getTime() < new Date(start as string).getTime();
}

export class Campaign extends Model<InferAttributes<Campaign>, InferCreationAttributes<Campaign>> {
  declare id: CreationOptional<number>;
  declare name: string;
  declare slug: string;
  declare description: string | null;
  /** Free text in the spec ("seasonal, promotional, etc."), so no CHECK: the model keeps new values to CAMPAIGN_TYPES. */
  declare campaign_type: string;
  declare status: CreationOptional<CampaignStatus>;
  /** NUMERIC(10,2): pg returns it as a string so cents are never rounded through a float. */
  declare budget: string | null;
  declare start_date: Date | null;
  declare end_date: Date | null;
  /**
   * Follows `status` (CAMPAIGN_ACTIVE_STATUSES); never set on its own. The
   * database keeps this for every writer (trigger campaigns_active_follows_status);
   * the hooks below set it too, so an instance in memory agrees before it is saved.
   */
  declare is_active: CreationOptional<boolean>;
  declare organization_id: ForeignKey<Organization['id']> | null;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

/** Whether this validation judges the column (on Model.update: whether it was sent and changed). */
const validated = (options: ValidateHookOptions, field: string) => !(options.skip ?? []).includes(field);

export function initCampaign(sequelize: Sequelize): typeof Campaign {
  return Campaign.init({
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    name: { type: DataTypes.STRING(255), allowNull: false, validate: REQUIRED },
    slug: { type: DataTypes.STRING(255), allowNull: false, unique: taken('slug', 'ix_campaigns_slug'), validate: { ...REQUIRED, ...SLUG } },
    description: { type: DataTypes.TEXT, allowNull: true },
    campaign_type: { type: DataTypes.STRING(100), allowNull: false, validate: { ...REQUIRED, ...oneOf(CAMPAIGN_TYPES) } },
    status: {
      type: DataTypes.STRING(50), allowNull: false, defaultValue: 'draft',
      validate: { ...REQUIRED, ...oneOf(CAMPAIGN_STATUSES) },
    },
    budget: {
      type: DataTypes.DECIMAL(10, 2), allowNull: true,
      validate: { isBudget(value: unknown) { if (value != null && value !== '' && !BUDGET_PATTERN.test(String(value))) throw new Error(BUDGET_MESSAGE); } },
    },
    start_date: {
      type: DataTypes.DATE, allowNull: true,
      validate: { isValidDate(value: unknown) { if (value != null && !validDate(value)) throw new Error(DATE_MESSAGE); } },
    },
    end_date: {
      type: DataTypes.DATE, allowNull: true,
      validate: {
        isValidDate(value: unknown) { if (value != null && !validDate(value)) throw new Error(DATE_MESSAGE); },
        // An attribute validator rather than a model-wide one, so the error sits on the end date's field.
        onOrAfterStart(this: Campaign, value: unknown) { if (endsBeforeStart(this.start_date, value)) throw new Error(END_AFTER_START.message); },
      },
    },
    is_active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    organization_id: { type: DataTypes.INTEGER, allowNull: true },
    ...TIMESTAMP_ATTRIBUTES,
  }, {
    sequelize, tableName: 'campaigns', modelName: 'Campaign', timestamps: false,
    hooks: {
      async beforeValidate(campaign, hookOptions) {
        const options = hookOptions as ValidateHookOptions;
        const rows = await rowsBeingUpdated(Campaign, options);
        const saved = rows?.length === 1 ? rows[0]! : null;
        if (rows) skipUnchanged(campaign, rows, ['slug', 'campaign_type'], options);
        // Model.update built this instance from the sent values only: give it the saved
        // dates and status it was not sent (as dataValues, so they are read here, not written).
        if (saved) {
          for (const field of ['start_date', 'end_date', 'status'] as const) {
            if (!validated(options, field)) campaign.dataValues[field] = saved.get(field) as never;
          }
        }
        // The end date is checked whenever either date is set, even if only the start moved.
        if (validated(options, 'start_date') || validated(options, 'end_date')) options.skip = (options.skip ?? []).filter((f) => f !== 'end_date');
        if (!rows || saved) {
          campaign.is_active = isActiveCampaignStatus(String(campaign.status));
          // Marked changed, because Model.update writes what this hook changes: a row whose flag
          // disagreed with its status is put right by any edit.
          if (saved) campaign.changed('is_active', true);
        }
      },
      // Several rows in one Model.update: the validation above saw none of them. Run
      // the per-row hook below, which sees each row as it will be saved.
      beforeBulkUpdate(options: UpdateOptions & { attributes?: Record<string, unknown> }) {
        const sent = options.attributes ?? {};
        if (!['is_active', 'status', 'start_date', 'end_date', 'campaign_type'].some((field) => field in sent)) return;
        options.individualHooks = true;
        // Rows the hook changes differently are saved one by one, and only with these fields.
        if (Array.isArray(options.fields) && !options.fields.includes('is_active')) options.fields.push('is_active');
      },
      beforeUpdate(campaign) {
        campaign.is_active = isActiveCampaignStatus(campaign.status);
        const errors: ValidationErrorItem[] = [];
        if (endsBeforeStart(campaign.start_date, campaign.end_date)) {
          errors.push(new ValidationErrorItem(END_AFTER_START.message, 'validation error', 'end_date', String(campaign.end_date), campaign, 'onOrAfterStart', 'onOrAfterStart', []));
        }
        if (campaign.changed('campaign_type') && !(CAMPAIGN_TYPES as readonly string[]).includes(campaign.campaign_type)) {
          errors.push(new ValidationErrorItem(oneOf(CAMPAIGN_TYPES).isIn.msg, 'validation error', 'campaign_type', campaign.campaign_type, campaign, 'isIn', 'isIn', []));
        }
        if (errors.length) throw new ValidationError(errors[0]!.message, errors);
      },
    },
  });
}
