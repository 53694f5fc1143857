import type { Strings } from '../types.js';

/**
 * Every English word of the widget. The field messages are the API's own
 * (MESSAGES in models/lead-rules.ts), so they are not repeated here. Two
 * tables because the widget loads in two chunks: each imports only its own,
 * and the first paint carries only what it shows.
 */

/** The first chunk: the frame, step 1's heading and step 1. */
export const FIRST_CHUNK_EN: Strings = {
    cta: 'Get a quote',
    close: 'Close',
    of: 'Step {n} of 4',
    t0: 'What would you like a quote for?',
    next: 'Continue',
    loading: 'Loading…',
    down: 'The quote form could not load.',
    retry: 'Try again',
    off: 'Not available on this site.',
};

/** The second chunk: steps 2-4 and the result screens. Field labels are keyed by field name. */
export const LATER_STEPS_EN: Strings = {
    t1: 'About you',
    t2: 'How can we reach you?',
    t3: 'One last thing',
    first_name: 'First name',
    last_name: 'Last name',
    date_of_birth: 'Date of birth',
    h_date_of_birth: 'MM/DD/YYYY, for example 04/12/1985',
    zip_code: 'ZIP code',
    state: 'State',
    email: 'Email',
    phone: 'Phone',
    back: 'Back',
    optional: '(optional)',
    none: 'Choose…',
    fix: 'Please correct the highlighted fields.',
    pick: 'Choose one of the options.',
    submit: 'Get my quote',
    sending: 'Sending…',
    tdone: 'Thank you!',
    done: 'We received your request. Your reference:',
    tqueued: 'Saved on this device',
    queued: 'We could not reach our server. Your request is saved here and will be sent automatically when you are back online.',
    tfailed: 'Something went wrong',
    failed: 'We could not send your request.',
    lost: 'A quote request saved on this device earlier could not be sent, and was removed. Please fill in the form again, or contact us by phone.',
    website: 'Leave this empty',
  date_invalid: 'Enter a real date as MM/DD/YYYY, like 04/12/1985.',
};
