import type { ProductType } from '../../models/value-sets.js';
import type { Lang } from './types.js';

/**
 * The words of the first chunk: the frame, step 1's heading and step 1. The
 * second chunk adds its own (form-strings.ts) to the same tables when it
 * arrives, so the first paint carries only what it shows.
 */
export type Strings = Record<string, string>;

export const STRINGS: Record<Lang, Strings> = {
  en: {
    cta: 'Get a quote',
    close: 'Close',
    of: 'Step {n} of 4',
    t0: 'What would you like a quote for?',
    next: 'Continue',
    loading: 'Loading…',
    down: 'The quote form could not load.',
    retry: 'Try again',
    off: 'Not available on this site.',
  },
  es: {
    cta: 'Cotiza ahora',
    close: 'Cerrar',
    of: 'Paso {n} de 4',
    t0: '¿Qué quieres asegurar?',
    next: 'Continuar',
    loading: 'Cargando…',
    down: 'No se pudo cargar el formulario.',
    retry: 'Reintentar',
    off: 'No disponible en este sitio.',
  },
};

/** Spanish names of the product types; English ones come from widget-config. */
export const PRODUCTS_ES: Record<ProductType, string> = {
  auto: 'Auto', home: 'Hogar', life: 'Vida', health: 'Salud', business: 'Negocio', travel: 'Viaje', pet: 'Mascota',
};
