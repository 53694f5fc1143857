import { CONSENT_TEMPLATES } from '../intake/consent-template.js';
import type { CampaignStatus, CampaignType, LeadStatus, ProductType, SourceType } from '../../models/value-sets.js';

/** The demo organization every seeded record belongs to. */
export const DEMO_ORGANIZATION = {
  name: 'Harborview Insurance Group',
  slug: 'harborview',
  description: 'Independent agency writing personal and commercial lines in the Pacific Northwest (demo data).',
  website: 'https://harborview.example.com',
  phone: '+12065550100',
  email: 'hello@harborview.example.com',
};

type ProductSeed = { name: string; slug: string; description: string; coverage: string; min: string; max: string; value: [number, number] };

/** One product of each type; `value` is the range of a lead's estimated yearly premium. */
export const DEMO_PRODUCTS: Record<ProductType, ProductSeed> = {
  auto: { name: 'Auto Secure Plus', slug: 'auto-secure-plus', description: 'Liability, collision and comprehensive cover for private cars.', coverage: '300000.00', min: '600.00', max: '2400.00', value: [600, 2400] },
  home: { name: 'HomeShield Complete', slug: 'homeshield-complete', description: 'Dwelling, contents and personal liability for owner-occupied homes.', coverage: '750000.00', min: '900.00', max: '3500.00', value: [900, 3500] },
  life: { name: 'Term Life 20', slug: 'term-life-20', description: '20-year level term life insurance.', coverage: '500000.00', min: '240.00', max: '1800.00', value: [240, 1800] },
  health: { name: 'Health Choice PPO', slug: 'health-choice-ppo', description: 'Individual and family PPO health plan.', coverage: '1000000.00', min: '3600.00', max: '12000.00', value: [3600, 12000] },
  business: { name: 'Business Owner Policy', slug: 'business-owner-policy', description: 'Property and general liability bundle for small businesses.', coverage: '2000000.00', min: '1200.00', max: '9000.00', value: [1200, 9000] },
  travel: { name: 'TravelSafe Annual', slug: 'travelsafe-annual', description: 'Annual multi-trip medical and cancellation cover.', coverage: '250000.00', min: '90.00', max: '600.00', value: [90, 600] },
  pet: { name: 'PawCare Accident & Illness', slug: 'pawcare', description: 'Accident and illness cover for dogs and cats.', coverage: '15000.00', min: '240.00', max: '900.00', value: [240, 900] },
};

export const DEMO_SOURCES: Record<SourceType, { name: string; slug: string; description: string }> = {
  web: { name: 'Website quote form', slug: 'website-quote-form', description: 'Quote requests from the agency website and partner widgets.' },
  social_media: { name: 'Facebook & Instagram', slug: 'facebook-instagram', description: 'Lead ads and profile links on Meta platforms.' },
  ppc: { name: 'Google Ads', slug: 'google-ads', description: 'Paid search campaigns.' },
  referral: { name: 'Customer referrals', slug: 'customer-referrals', description: 'Existing policyholders recommending friends and family.' },
  email: { name: 'Monthly newsletter', slug: 'monthly-newsletter', description: 'Newsletter and email campaigns.' },
  event: { name: 'Home & Garden Show', slug: 'home-garden-show', description: 'Leads collected at trade shows and community events.' },
  partner: { name: 'Mortgage broker partners', slug: 'mortgage-broker-partners', description: 'Referrals from partner mortgage brokers and realtors.' },
  organic: { name: 'Organic search', slug: 'organic-search', description: 'Visitors arriving from unpaid search results.' },
};

export const DEMO_CAMPAIGNS: { name: string; slug: string; description: string; campaign_type: CampaignType; status: CampaignStatus; budget: string; startDaysAgo: number; endDaysAhead: number | null }[] = [
  { name: 'Spring Auto Switch & Save', slug: 'spring-auto-switch', description: 'Drivers switching carriers before renewal season.', campaign_type: 'seasonal', status: 'active', budget: '15000.00', startDaysAgo: 60, endDaysAhead: 30 },
  { name: 'New Homeowner Bundle', slug: 'new-homeowner-bundle', description: 'Home + auto bundle for first-time buyers referred by brokers.', campaign_type: 'promotional', status: 'active', budget: '8000.00', startDaysAgo: 90, endDaysAhead: null },
];

/** How seeded leads spread over the pipeline: most are early, a tenth convert. */
export const STATUS_WEIGHTS: Record<LeadStatus, number> = {
  new: 30, contacted: 20, qualified: 15, nurturing: 12, converted: 10, lost: 8, archived: 5,
};
export const PRODUCT_WEIGHTS: Record<ProductType, number> = {
  auto: 30, home: 22, life: 14, health: 12, business: 9, travel: 6, pet: 7,
};
export const SOURCE_WEIGHTS: Record<SourceType, number> = {
  web: 28, social_media: 16, ppc: 18, referral: 12, email: 8, event: 5, partner: 8, organic: 5,
};

export const FIRST_NAMES = ['James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth',
  'William', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Carlos', 'Karen', 'Daniel', 'Lisa',
  'Matthew', 'Nancy', 'Anthony', 'Sandra', 'Mark', 'Ashley', 'Wei', 'Priya', 'Andrew', 'Emily', 'Joshua', 'Maria', 'Kevin',
  'Aisha', 'Brian', 'Sofia', 'Luis', 'Hannah', 'Omar', 'Grace', 'Ethan', 'Chloe', 'Diego', 'Mei', 'Noah', 'Fatima'];
export const LAST_NAMES = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
  'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez',
  'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King',
  'Nguyen', 'Patel', 'Kim', 'Chen', 'Okafor', 'Schmidt', "O'Brien", 'Kowalski'];
/** City, state, a ZIP prefix, and a real area code for the region. */
export const PLACES: [string, string, string, string][] = [
  ['Seattle', 'WA', '981', '206'], ['Tacoma', 'WA', '984', '253'], ['Spokane', 'WA', '992', '509'], ['Portland', 'OR', '972', '503'],
  ['Eugene', 'OR', '974', '541'], ['Boise', 'ID', '837', '208'], ['Sacramento', 'CA', '958', '916'], ['San Diego', 'CA', '921', '619'],
  ['Phoenix', 'AZ', '850', '602'], ['Denver', 'CO', '802', '303'], ['Austin', 'TX', '787', '512'], ['Dallas', 'TX', '752', '214'],
  ['Chicago', 'IL', '606', '312'], ['Atlanta', 'GA', '303', '404'], ['Miami', 'FL', '331', '305'], ['Charlotte', 'NC', '282', '704'],
];
export const STREETS = ['Maple Ave', 'Oak St', 'Pine St', 'Cedar Ln', 'Harbor Dr', 'Lakeview Rd', 'Elm St', 'Madison Ave',
  'Sunset Blvd', 'Park Pl', 'Hillcrest Dr', 'Bayview Ter', 'Main St', 'Washington St', 'Ridge Rd'];
export const EMAIL_DOMAINS = ['example.com', 'example.net', 'example.org'];
export const NOTES = [
  'Renewal due next month; currently with another carrier.',
  'Asked for a bundle quote with home insurance.',
  'Prefers contact by email after 5pm.',
  'Two drivers in household, one teen driver.',
  'Recently bought a house; closing in three weeks.',
  'Wants to compare deductibles before deciding.',
  'Referred by an existing client.',
  null, null, null,
];

/**
 * The demo organization's site key: origins of `npm start` and of a Vite dev
 * server, so the widget demo page works locally without editing anything.
 */
export const DEMO_SITE_KEY = {
  name: 'Harborview website (demo)',
  allowed_origins: ['http://localhost:3000', 'http://127.0.0.1:3000', 'http://localhost:5173', 'http://127.0.0.1:5173'],
  consent_version: 'v1',
  consent_text: CONSENT_TEMPLATES.en(DEMO_ORGANIZATION.name),
  consent_text_es: CONSENT_TEMPLATES.es(DEMO_ORGANIZATION.name),
};
