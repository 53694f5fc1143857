/** The property's `custom` key holding the column's default, which a new record's form starts with (form-defaults.ts, new-with-defaults.tsx). */
export const INITIAL_VALUE = 'initialValue';
