import type { CurrentAdmin } from 'adminjs';
import type { WhereOptions } from 'sequelize';
import { asAdmin } from '../current-admin.js';

/**
 * Which organization's rows a staff member may touch: the one rule every
 * part of the admin applies (the Sequelize adapter in scoped-resource.ts,
 * the board, the dashboard, and the CSV export through the adapter).
 * A superuser is not confined; staff without an organization are confined
 * to none, so they see nothing rather than everything.
 */
export class OrganizationScope {
  private constructor(
    /** `undefined`: every organization (a superuser). */
    readonly organizationId: number | undefined,
  ) {}

  static of(currentAdmin: CurrentAdmin | undefined): OrganizationScope {
    const admin = asAdmin(currentAdmin);
    if (!admin) return new OrganizationScope(NO_ORGANIZATION);
    return new OrganizationScope(admin.is_superuser ? undefined : admin.organization_id ?? NO_ORGANIZATION);
  }

  get confined(): boolean {
    return this.organizationId !== undefined;
  }

  /** Conditions to AND into a Sequelize `where` on `column` (none for a superuser). */
  where(column = 'organization_id'): WhereOptions[] {
    return this.confined ? [{ [column]: this.organizationId }] : [];
  }

  /** A SQL predicate on `column` that reads the bind parameter `$org` from `bind`. */
  sql(column: string): string {
    return this.confined ? `${column} = $org` : 'TRUE';
  }

  get bind(): { org?: number } {
    return this.confined ? { org: this.organizationId } : {};
  }
}

/** No organization has this id. */
const NO_ORGANIZATION = -1;
