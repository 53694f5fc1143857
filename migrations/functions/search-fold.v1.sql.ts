import type { FunctionVersion } from './database-function.js';

/**
 * Letters people type without their accents: a search for "nunez" finds
 * "Núñez", "zoe" finds "Zoë". Upper- and lower-case accented Latin letters
 * are listed explicitly rather than left to lower(), because lower() only
 * knows ASCII under a C locale, which an initdb may choose. IMMUTABLE, so the
 * leads' trigram index can be built on it (migration search-ignores-accents)
 * and `search_fold('%núñez%')` in a query is folded once, at plan time.
 * A new version must rebuild that index in its migration.
 */
const ACCENTED = 'ÀÁÂÃÄÅĀĂĄàáâãäåāăąÇĆĈĊČçćĉċčĎďÈÉÊËĒĔĖĘĚèéêëēĕėęěĜĞĠĢĝğġģĤĥÌÍÎÏĨĪĬĮİìíîïĩīĭįĴĵĶķĹĻĽĺļľÑŃŅŇñńņňÒÓÔÕÖØŌŎŐòóôõöøōŏőŔŖŘŕŗřŚŜŞŠśŝşšŢŤţťÙÚÛÜŨŪŬŮŰŲùúûüũūŭůűųŴŵÝŸŶýÿŷŹŻŽźżž';
/** Each letter of ACCENTED without its marks (Ø has none to remove: o). */
const PLAIN = [...ACCENTED].map((c) => (c === 'Ø' || c === 'ø' ? 'o' : c.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase())).join('');

export const searchFoldV1: FunctionVersion = {
  name: 'search_fold',
  args: 't text',
  returns: 'text',
  language: 'sql',
  attributes: 'IMMUTABLE PARALLEL SAFE',
  version: 1,
  body: `
  SELECT translate(lower(t), '${ACCENTED}', '${PLAIN}')
`,
};
