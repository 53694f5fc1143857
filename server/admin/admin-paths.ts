/** Where the admin is mounted; imported by whatever links into it, so nothing else spells the path. */
export const ADMIN_ROOT = '/admin';
