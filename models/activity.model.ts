import {
  DataTypes, Model,
  type CreationOptional, type ForeignKey, type InferAttributes, type InferCreationAttributes, type Sequelize,
} from 'sequelize';
import type { Lead } from './lead.model.js';
import type { Organization } from './organization.model.js';
import type { User } from './user.model.js';
import { TIMESTAMP_ATTRIBUTES } from './timestamps.js';
import { REQUIRED, oneOf } from './validators.js';
import {
  ACTIVITY_DIRECTIONS, ACTIVITY_TYPES, CALL_OUTCOMES, DIRECTED_ACTIVITY_TYPES,
  type ActivityDirection, type ActivityType, type CallOutcome,
} from './value-sets.js';

/** The cross-column rules, as the model, the admin and the CHECK constraints of the same names word them. */
export const OUTCOME_ONLY_FOR_CALLS = {
  constraint: 'ck_activities_outcome_only_for_calls', field: 'outcome', message: 'Only a call has an outcome: clear it, or make this a call.',
} as const;
export const DIRECTION_ONLY_WHERE_IT_APPLIES = {
  constraint: 'ck_activities_direction_only_where_it_applies', field: 'direction',
  message: 'Only a call, email, text message or meeting has a direction: clear it, or choose one of those types.',
} as const;
export const DURATION_MESSAGE = 'Enter the length in whole seconds (0 or more).';

/**
 * One thing that happened to a lead (migrations/2026.12.04T20.00.00.create-activities.ts).
 * Status changes and intake submissions are written by the database itself;
 * staff log calls, emails, texts and meetings through the admin.
 */
export class Activity extends Model<InferAttributes<Activity>, InferCreationAttributes<Activity>> {
  /** bigint: pg returns it as a string. */
  declare id: CreationOptional<string>;
  declare lead_id: ForeignKey<Lead['id']>;
  declare organization_id: ForeignKey<Organization['id']> | null;
  declare user_id: ForeignKey<User['id']> | null;
  declare type: ActivityType;
  declare direction: ActivityDirection | null;
  declare outcome: CallOutcome | null;
  declare summary: string | null;
  declare details: string | null;
  declare occurred_at: CreationOptional<Date>;
  declare duration_seconds: number | null;
  declare metadata: CreationOptional<Record<string, unknown>>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initActivity(sequelize: Sequelize): typeof Activity {
  return Activity.init({
    id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
    lead_id: { type: DataTypes.INTEGER, allowNull: false, validate: REQUIRED },
    organization_id: { type: DataTypes.INTEGER, allowNull: true },
    user_id: { type: DataTypes.INTEGER, allowNull: true },
    type: { type: DataTypes.STRING(20), allowNull: false, validate: { ...REQUIRED, ...oneOf(ACTIVITY_TYPES) } },
    direction: {
      type: DataTypes.STRING(10), allowNull: true,
      validate: {
        ...oneOf(ACTIVITY_DIRECTIONS),
        // An edit that does not send the type is judged by the CHECK of the same name, which sees the saved one.
        onlyWhereItApplies(this: Activity, value: unknown) {
          if (value != null && this.type !== undefined && !(DIRECTED_ACTIVITY_TYPES as readonly string[]).includes(this.type)) throw new Error(DIRECTION_ONLY_WHERE_IT_APPLIES.message);
        },
      },
    },
    outcome: {
      type: DataTypes.STRING(20), allowNull: true,
      validate: {
        ...oneOf(CALL_OUTCOMES),
        onlyForCalls(this: Activity, value: unknown) {
          if (value != null && this.type !== undefined && this.type !== 'call') throw new Error(OUTCOME_ONLY_FOR_CALLS.message);
        },
      },
    },
    summary: { type: DataTypes.STRING(255), allowNull: true, validate: { len: { args: [0, 255], msg: 'Keep the summary to 255 characters; put the rest in the details.' } } },
    details: { type: DataTypes.TEXT, allowNull: true },
    occurred_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    duration_seconds: {
      type: DataTypes.INTEGER, allowNull: true,
      validate: { isInt: { msg: DURATION_MESSAGE }, min: { args: [0], msg: DURATION_MESSAGE } },
    },
    metadata: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
    ...TIMESTAMP_ATTRIBUTES,
  }, { sequelize, tableName: 'activities', modelName: 'Activity', timestamps: false });
}
