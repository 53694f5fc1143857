import type { ProductType } from '../../../models/value-sets.js';
import type { Strings } from '../types.js';

/**
 * Spanish words of the widget, in the same tables as English (en.ts), plus
 * the product names (English ones come from widget-config). The field
 * messages by error code are in es-messages.ts: they need the lead rules'
 * values, which must stay out of the first chunk.
 */

/** The first chunk: the frame, step 1's heading and step 1. */
export const FIRST_CHUNK_ES: Strings = {
    cta: 'Cotiza ahora',
    close: 'Cerrar',
    of: 'Paso {n} de 4',
    t0: '¿Qué quieres asegurar?',
    next: 'Continuar',
    loading: 'Cargando…',
    down: 'No se pudo cargar el formulario.',
    retry: 'Reintentar',
    off: 'No disponible en este sitio.',
};

/** Spanish names of the product types (first chunk). */
export const PRODUCTS_ES: Record<ProductType, string> = {
  auto: 'Auto', home: 'Hogar', life: 'Vida', health: 'Salud', business: 'Negocio', travel: 'Viaje', pet: 'Mascota',
};

/** The second chunk: steps 2-4 and the result screens. */
export const LATER_STEPS_ES: Strings = {
    t1: 'Sobre ti',
    t2: '¿Cómo te contactamos?',
    t3: 'Un último paso',
    first_name: 'Nombre',
    last_name: 'Apellido',
    date_of_birth: 'Fecha de nacimiento',
    h_date_of_birth: 'DD/MM/AAAA, por ejemplo 12/04/1985',
    zip_code: 'Código postal (ZIP)',
    state: 'Estado',
    email: 'Correo electrónico',
    phone: 'Teléfono',
    back: 'Atrás',
    optional: '(opcional)',
    none: 'Elige…',
    fix: 'Corrige los campos marcados.',
    pick: 'Elige una de las opciones.',
    submit: 'Pedir mi cotización',
    sending: 'Enviando…',
    tdone: '¡Gracias!',
    done: 'Recibimos tu solicitud. Tu referencia:',
    tqueued: 'Guardado en este dispositivo',
    queued: 'No pudimos conectar con el servidor. Tu solicitud está guardada aquí y se enviará sola cuando vuelvas a tener conexión.',
    tfailed: 'Algo salió mal',
    failed: 'No pudimos enviar tu solicitud.',
    lost: 'Una solicitud guardada antes en este dispositivo no se pudo enviar y se eliminó. Llena el formulario de nuevo o llámanos por teléfono.',
    website: 'Deja esto vacío',
  date_invalid: 'Escribe una fecha real con el formato DD/MM/AAAA, como 12/04/1985.',
};
