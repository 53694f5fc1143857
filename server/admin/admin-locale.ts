import type { LocaleTranslations } from 'adminjs';

/**
 * AdminJS shows some messages as untranslated keys or with raw
 * `{{placeholders}}`; these say what happened in words staff understand.
 */
export const ADMIN_TRANSLATIONS: LocaleTranslations = {
  messages: {
    forbiddenError: 'You do not have permission to do this. Ask a superuser if you need access.',
    anyForbiddenError: 'You do not have permission to do this. Ask a superuser if you need access.',
    recordNotAccessible: 'This record does not exist or belongs to another organization.',
    invalidCredentials: 'Wrong email or password.',
    thereWereValidationErrors: 'Some fields need attention: see the messages under them.',
  },
  resources: {
    leads: { properties: { search: 'Name, email or phone' } },
  },
};
