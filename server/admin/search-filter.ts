import { Op, Sequelize, type WhereOptions } from 'sequelize';

/** The virtual filter field staff type into: matches names, email and phone at once. */
export const SEARCH_FILTER = 'search';

const PHONE_DIGITS_MIN = 4;
/** Only digits and phone punctuation: "(206) 555-0142", "+1 206.555.0142". */
const PHONE_LIKE = /^[\d\s()+.-]+$/;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * `column` contains `text`, compared as search_fold() sees both
 * (migrations/functions/search-fold.v1.sql.ts): ignoring case and accents,
 * LIKE wildcards literal, and in the shape the leads' trigram index serves.
 */
export function foldedContains(column: string, text: string): WhereOptions {
  return Sequelize.where(Sequelize.fn('search_fold', Sequelize.col(column)), { [Op.like]: Sequelize.fn('search_fold', `%${escapeLike(text)}%`) });
}

/**
 * Free-text search as staff expect it: case- and accent-insensitive ("nunez"
 * finds Núñez, "ZOE" finds Zoë), every word must
 * match one of the columns ("ann smith" finds Ann Smith), and a query that
 * is a phone number (enough digits, nothing but phone punctuation) also
 * matches phone numbers whatever their formatting. An email's digits
 * ("ann.5012@x.co") are not a phone number.
 */
export function searchCondition(query: string, columns: readonly string[]): WhereOptions {
  const words = query.trim().split(/\s+/).filter(Boolean).slice(0, 5);
  if (words.length === 0) return {};
  const perWord = words.map((word) => ({ [Op.or]: columns.map((column) => foldedContains(column, word)) }));
  const digits = query.replace(/\D/g, '');
  if (digits.length >= PHONE_DIGITS_MIN && PHONE_LIKE.test(query.trim()) && columns.includes('phone')) {
    return {
      [Op.or]: [
        { [Op.and]: perWord },
        Sequelize.where(Sequelize.fn('regexp_replace', Sequelize.col('phone'), '\\D', '', 'g'), { [Op.like]: `%${digits}%` }),
      ],
    };
  }
  return { [Op.and]: perWord };
}
