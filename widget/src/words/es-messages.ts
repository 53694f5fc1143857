import { AGE_MAX, AGE_MIN, type MESSAGES } from '../../../models/lead-rules.js';

type Translations = {
  [K in keyof typeof MESSAGES]: (typeof MESSAGES)[K] extends (arg: infer A) => string ? (arg: A) => string : string;
};

/** Spanish for every code of models/lead-rules.ts MESSAGES; the mapped type makes a missing code a compile error. */
export const MESSAGES_ES: Translations = {
  required: 'Este campo es obligatorio.',
  too_long: (max) => `Usa como máximo ${max} caracteres.`,
  invalid_type: (expected) => `Debe ser ${expected}.`,
  invalid_name: 'Usa solo letras, espacios, apóstrofos, guiones y puntos.',
  invalid_email: 'Escribe un correo electrónico válido, como nombre@ejemplo.com.',
  invalid_phone: 'Escribe un número de teléfono válido, como (415) 555-0132.',
  unassigned_phone: 'Ese número de teléfono no puede existir: revisa el código de área y el número.',
  invalid_date: 'Escribe una fecha real con el formato AAAA-MM-DD.',
  age_out_of_range: `Debes tener entre ${AGE_MIN} y ${AGE_MAX} años.`,
  invalid_state: 'Elige un estado de EE. UU., como CA.',
  invalid_zip: 'Escribe un código postal de 5 dígitos, o ZIP+4 como 12345-6789.',
  zip_state_mismatch: ({ zip, zipState, state }) => `El código postal ${zip} es de ${zipState}, no de ${state}.`,
  invalid_slug: 'Usa solo minúsculas, dígitos y guiones.',
  invalid_text: 'Quita los caracteres < y >.',
  control_characters: 'Quita los caracteres de control (invisibles, como NUL o escape).',
  invalid_characters: 'Quita los caracteres que no son texto válido (un emoji o símbolo roto).',
  invalid_url: 'Escribe una dirección completa http:// o https://.',
  invalid_token: 'Usa solo letras, dígitos y guiones.',
  invalid_timestamp: 'Escribe una fecha y hora ISO 8601 o milisegundos desde 1970.',
  consent_text_required: 'Falta el texto exacto del consentimiento que aceptó la persona.',
  invalid_language: 'Usa uno de: en, es.',
};
