import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';

/**
 * A campaign cannot end before it starts (either date may be left open).
 * Added NOT VALID first: rows saved before the rule may break it, and no
 * migration can know which of their two dates is the wrong one, so they are
 * left as they are rather than rewritten or blocking the deploy. PostgreSQL
 * still checks a NOT VALID constraint on every insert and on every update of
 * any row, old ones included, so the next edit of such a campaign must fix
 * its dates (the admin says so on the end date's field). Where no row breaks
 * it, the constraint is validated at once, and then it holds for the table.
 */
export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.sequelize.query(`ALTER TABLE campaigns ADD CONSTRAINT ck_campaigns_end_after_start
    CHECK (start_date IS NULL OR end_date IS NULL OR end_date >= start_date) NOT VALID`);
  await qi.sequelize.query(`DO $$
    DECLARE v_broken bigint;
    BEGIN
      SELECT count(*) INTO v_broken FROM campaigns WHERE end_date < start_date;
      IF v_broken = 0 THEN
        ALTER TABLE campaigns VALIDATE CONSTRAINT ck_campaigns_end_after_start;
      ELSE
        RAISE NOTICE '% campaign(s) end before they start; ck_campaigns_end_after_start stays NOT VALID until their dates are fixed', v_broken;
      END IF;
    END $$`);
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.sequelize.query('ALTER TABLE campaigns DROP CONSTRAINT ck_campaigns_end_after_start');
};
