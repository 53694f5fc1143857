import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ComponentLoader } from 'adminjs';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Every custom admin component, registered in one place. Paths have no
 * extension so the `.tsx` source resolves under tsx and Jest, and the compiled
 * `.js` under `dist/`. `npm run build` pre-bundles them (see bundle-cli.ts and bundle-components.ts).
 */
export function createComponentLoader() {
  const loader = new ComponentLoader();
  const component = (name: string) => loader.add(name, path.join(here, 'components', name.replace(/[A-Z]/g, (c, i: number) => `${i ? '-' : ''}${c.toLowerCase()}`)));
  const ids = {
    Dashboard: component('Dashboard'),
    Board: component('Board'),
    BulkChange: component('BulkChange'),
    ExportCsv: component('ExportCsv'),
    EmbedSnippet: component('EmbedSnippet'),
    ApiKeyNew: component('ApiKeyNew'),
    ReadableData: component('ReadableData'),
    LeadIntake: component('LeadIntake'),
    LeadPage: component('LeadPage'),
    LeadNameCell: component('LeadNameCell'),
    ListOfValues: component('ListOfValues'),
    ResetPassword: component('ResetPassword'),
    Account: component('Account'),
    LeadValueProperty: component('LeadValueProperty'),
    PhoneProperty: component('PhoneProperty'),
    BulkTag: component('BulkTag'),
    TagBadge: component('TagBadge'),
    TagList: component('TagList'),
    DocumentUpload: component('DocumentUpload'),
    DocumentDownload: component('DocumentDownload'),
    DocumentSize: component('DocumentSizeValue'),
  };
  // AdminJS's own list, replaced for every resource.
  loader.override('DefaultListAction', path.join(here, 'components', 'list', 'list-screen'));
  // AdminJS's own datetime values, replaced so every date and time on screen is written one way (see date-time-value.tsx).
  const dateTimeValue = path.join(here, 'components', 'date-time-value');
  loader.override('DefaultDatetimeListProperty', dateTimeValue);
  loader.override('DefaultDatetimeShowProperty', dateTimeValue);
  // Its date field, so a date picked east of UTC is not stored as the day before (see date-time-edit.tsx).
  loader.override('DefaultDatetimeEditProperty', path.join(here, 'components', 'date-time-edit'));
  // And its range filter, on the organization's clock too (see date-time-filter.tsx).
  loader.override('DefaultDatetimeFilterProperty', path.join(here, 'components', 'date-time-filter'));
  // AdminJS's own components that speak its developer words ("List", "Show", "No records"): ours say what staff call things.
  loader.override('ActionHeader', path.join(here, 'components', 'action-header'));
  loader.override('Breadcrumbs', path.join(here, 'components', 'breadcrumbs'));
  loader.override('NoRecords', path.join(here, 'components', 'no-records'));
  // AdminJS's own new-record form, started with the columns' defaults (see form-defaults.ts).
  loader.override('DefaultNewAction', path.join(here, 'components', 'new-with-defaults'));
  // AdminJS's notices kept a fixed error beside the success that followed it, and were wider than a phone (see notice-box.tsx).
  loader.override('NoticeBox', path.join(here, 'components', 'notice-box'));
  return { loader, ids };
}

export type ComponentIds = ReturnType<typeof createComponentLoader>['ids'];
