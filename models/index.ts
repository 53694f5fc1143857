import type { Sequelize } from 'sequelize';
import { Campaign, initCampaign } from './campaign.model.js';
import { InsuranceProduct, initInsuranceProduct } from './insurance-product.model.js';
import { Lead, initLead } from './lead.model.js';
import { LeadSource, initLeadSource } from './lead-source.model.js';
import { Organization, initOrganization } from './organization.model.js';
import { User, initUser } from './user.model.js';
import { ApiKey, initApiKey } from './api-key.model.js';
import { Consent, initConsent } from './consent.model.js';
import { LeadSubmission, initLeadSubmission } from './lead-submission.model.js';
import { SiteKey, initSiteKey } from './site-key.model.js';
import { PasswordReset, initPasswordReset } from './password-reset.model.js';
import { UserRole, initUserRole } from './user-role.model.js';
import { Activity, initActivity } from './activity.model.js';

export { ApiKey, Campaign, Consent, InsuranceProduct, Lead, LeadSource, LeadSubmission, Organization, PasswordReset, SiteKey, User, UserRole };
export { Activity };
import { Note, initNote } from './note.model.js';
import { Tag, initTag } from './tag.model.js';
import { LeadTag, initLeadTag } from './lead-tag.model.js';
export { LeadTag, Note, Tag };
import { Document, initDocument } from './document.model.js';

export { Document };
export * from './value-sets.js';

let initialisedFor: Sequelize | undefined;

/**
 * Binds every model to one connection and wires the associations the spec's
 * diagram draws. Sequelize models are module-level classes, so one process
 * talks to one database through them; calling again with another connection
 * rebinds them (tests do this), calling with the same one is a no-op.
 */
export function initModels(sequelize: Sequelize): void {
  if (initialisedFor === sequelize) return;
  initOrganization(sequelize);
  initUser(sequelize);
  initLeadSource(sequelize);
  initCampaign(sequelize);
  initInsuranceProduct(sequelize);
  initLead(sequelize);
  initSiteKey(sequelize);
  initApiKey(sequelize);
  initLeadSubmission(sequelize);
  initConsent(sequelize);
  initUserRole(sequelize);
  initPasswordReset(sequelize);
  initActivity(sequelize);
  initNote(sequelize);
  initTag(sequelize);
  initLeadTag(sequelize);
  initDocument(sequelize);

  // Delete rules mirror the migrations' foreign keys, so Sequelize never tries
  // to emulate a cascade the database already performs.
  const cascade = { onDelete: 'CASCADE' as const, hooks: false };
  const setNull = { onDelete: 'SET NULL' as const };
  Organization.hasMany(User, { foreignKey: 'organization_id', as: 'users', ...cascade });
  User.belongsTo(Organization, { foreignKey: 'organization_id', as: 'organization' });
  Organization.hasMany(Campaign, { foreignKey: 'organization_id', as: 'campaigns', ...cascade });
  Campaign.belongsTo(Organization, { foreignKey: 'organization_id', as: 'organization' });
  Organization.hasMany(Lead, { foreignKey: 'organization_id', as: 'leads', ...cascade });
  Lead.belongsTo(Organization, { foreignKey: 'organization_id', as: 'organization' });
  Campaign.hasMany(Lead, { foreignKey: 'campaign_id', as: 'leads', ...setNull });
  Lead.belongsTo(Campaign, { foreignKey: 'campaign_id', as: 'campaign' });
  LeadSource.hasMany(Lead, { foreignKey: 'lead_source_id', as: 'leads', ...setNull });
  Lead.belongsTo(LeadSource, { foreignKey: 'lead_source_id', as: 'leadSource' });
  InsuranceProduct.hasMany(Lead, { foreignKey: 'insurance_product_id', as: 'leads', ...setNull });
  Lead.belongsTo(InsuranceProduct, { foreignKey: 'insurance_product_id', as: 'insuranceProduct' });
  Organization.hasMany(SiteKey, { foreignKey: 'organization_id', as: 'siteKeys', ...cascade });
  SiteKey.belongsTo(Organization, { foreignKey: 'organization_id', as: 'organization' });
  SiteKey.belongsTo(LeadSource, { foreignKey: 'default_lead_source_id', as: 'defaultLeadSource' });
  SiteKey.belongsTo(Campaign, { foreignKey: 'default_campaign_id', as: 'defaultCampaign' });
  Organization.hasMany(ApiKey, { foreignKey: 'organization_id', as: 'apiKeys', ...cascade });
  ApiKey.belongsTo(Organization, { foreignKey: 'organization_id', as: 'organization' });
  ApiKey.belongsTo(User, { foreignKey: 'created_by_id', as: 'createdBy' });
  Organization.hasMany(LeadSubmission, { foreignKey: 'organization_id', as: 'submissions', ...cascade });
  LeadSubmission.belongsTo(Organization, { foreignKey: 'organization_id', as: 'organization' });
  LeadSubmission.belongsTo(Lead, { foreignKey: 'lead_id', as: 'lead' });
  LeadSubmission.belongsTo(SiteKey, { foreignKey: 'site_key_id', as: 'siteKey' });
  LeadSubmission.belongsTo(ApiKey, { foreignKey: 'api_key_id', as: 'apiKey' });
  LeadSubmission.belongsTo(InsuranceProduct, { foreignKey: 'insurance_product_id', as: 'insuranceProduct' });
  LeadSubmission.belongsTo(LeadSource, { foreignKey: 'lead_source_id', as: 'leadSource' });
  LeadSubmission.belongsTo(Campaign, { foreignKey: 'campaign_id', as: 'campaign' });
  Organization.hasMany(Consent, { foreignKey: 'organization_id', as: 'consents', ...cascade });
  Consent.belongsTo(Organization, { foreignKey: 'organization_id', as: 'organization' });
  Consent.belongsTo(Lead, { foreignKey: 'lead_id', as: 'lead' });
  Consent.belongsTo(LeadSubmission, { foreignKey: 'submission_id', as: 'submission' });
  User.hasOne(UserRole, { foreignKey: 'user_id', as: 'staffRole', ...cascade });
  UserRole.belongsTo(User, { foreignKey: 'user_id', as: 'user' });
  User.hasMany(PasswordReset, { foreignKey: 'user_id', as: 'passwordResets', ...cascade });
  Lead.hasMany(Activity, { foreignKey: 'lead_id', as: 'activities', ...cascade });
  Activity.belongsTo(Lead, { foreignKey: 'lead_id', as: 'lead' });
  Activity.belongsTo(Organization, { foreignKey: 'organization_id', as: 'organization' });
  Activity.belongsTo(User, { foreignKey: 'user_id', as: 'user' });
  Lead.hasMany(Note, { foreignKey: 'lead_id', as: 'leadNotes', ...cascade });
  Note.belongsTo(Lead, { foreignKey: 'lead_id', as: 'lead' });
  Note.belongsTo(Organization, { foreignKey: 'organization_id', as: 'organization' });
  Note.belongsTo(User, { foreignKey: 'author_id', as: 'author' });
  Organization.hasMany(Tag, { foreignKey: 'organization_id', as: 'tags', ...cascade });
  Tag.belongsTo(Organization, { foreignKey: 'organization_id', as: 'organization' });
  Lead.belongsToMany(Tag, { through: LeadTag, foreignKey: 'lead_id', otherKey: 'tag_id', as: 'tags' });
  Tag.belongsToMany(Lead, { through: LeadTag, foreignKey: 'tag_id', otherKey: 'lead_id', as: 'leads' });
  Lead.hasMany(LeadTag, { foreignKey: 'lead_id', as: 'leadTags', ...cascade });
  Tag.hasMany(LeadTag, { foreignKey: 'tag_id', as: 'leadTags', ...cascade });
  LeadTag.belongsTo(Lead, { foreignKey: 'lead_id', as: 'lead' });
  LeadTag.belongsTo(Tag, { foreignKey: 'tag_id', as: 'tag' });
  LeadTag.belongsTo(User, { foreignKey: 'created_by', as: 'createdBy' });
  Lead.hasMany(Document, { foreignKey: 'lead_id', as: 'documents', ...cascade });
  Document.belongsTo(Lead, { foreignKey: 'lead_id', as: 'lead' });
  Organization.hasMany(Document, { foreignKey: 'organization_id', as: 'documents', ...cascade });
  Document.belongsTo(Organization, { foreignKey: 'organization_id', as: 'organization' });
  User.hasMany(Document, { foreignKey: 'uploaded_by', as: 'uploadedDocuments', ...setNull });
  Document.belongsTo(User, { foreignKey: 'uploaded_by', as: 'uploader' });
  initialisedFor = sequelize;
}
