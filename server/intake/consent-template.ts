import type { Language } from '../../models/lead-rules.js';

/**
 * The consent wording LeadHarbor suggests, in each language the widget
 * speaks. It sits beside an unticked checkbox, so it says what the visitor
 * affirms by ticking it ("I agree that …"), never "by submitting this form",
 * which a visitor who leaves the box empty has not agreed to. Used for the
 * demo site key, suggested to staff in the admin, and shown for an old site
 * key saved before consent text was required (see widget-config.ts).
 */
export const CONSENT_TEMPLATES: Record<Language, (agency: string) => string> = {
  en: (agency) => `I agree that ${agency} may call and text me about insurance quotes at the phone number I gave, `
    + 'including with automated technology and prerecorded messages, and may email me. '
    + 'Consent is not a condition of purchase. Message and data rates may apply. I can opt out at any time.',
  es: (agency) => `Acepto que ${agency} me llame y me envíe mensajes de texto sobre cotizaciones de seguros al teléfono que di, `
    + 'incluso con tecnología automatizada y mensajes pregrabados, y que me escriba por correo electrónico. '
    + 'Dar mi consentimiento no es condición para comprar. Pueden aplicarse tarifas de mensajes y datos. Puedo retirarlo en cualquier momento.',
};

/** The version label consent records carry when the template was shown in place of a site key's own text. */
export const CONSENT_TEMPLATE_VERSION = 'leadharbor-default-1';
