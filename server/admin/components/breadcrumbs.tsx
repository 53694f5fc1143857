import React from 'react';
import { Link } from 'react-router-dom';
import { ViewHelpers, useTranslation, type ActionJSON, type RecordJSON, type ResourceJSON } from 'adminjs';
import { Box, cssClass, themeGet } from '@adminjs/design-system';
import { styled } from '@adminjs/design-system/styled-components';
import { actionHeading, recordName } from './action-heading.js';

const Crumb = styled(Link)`
  color: ${themeGet('colors', 'grey60')};
  font-size: ${themeGet('fontSizes', 'default')};
  line-height: ${themeGet('lineHeights', 'default')};
  text-decoration: none;
  white-space: nowrap; /* a name breaks between crumbs, not inside one */
  &:hover { color: ${themeGet('colors', 'primary100')}; }
  &:after { content: '/'; padding: 0 ${themeGet('space', 'default')}; color: ${themeGet('colors', 'grey60')}; }
  &:last-child { color: ${themeGet('colors', 'text')}; }
  &:last-child:after { content: ''; }
`;

/**
 * Where a screen sits, in staff's words: Dashboard / Leads / John Patel /
 * Edit lead. AdminJS's own trail ends in the action's name ("Show", "Edit").
 */
export default function Breadcrumbs({ resource, record, actionName }: { resource: ResourceJSON; record?: RecordJSON; actionName: string }) {
  const t = useTranslation();
  const h = new ViewHelpers();
  const action = resource.actions.find((a: ActionJSON) => a.name === actionName);
  const hasList = resource.resourceActions.some((a) => a.name === 'list');
  const crumbs: { to: string; label: string }[] = [{ to: h.dashboardUrl(), label: t.translateLabel('dashboard') }];
  crumbs.push({ to: hasList ? resource.href ?? '/' : '#', label: t.translateLabel(resource.name, resource.id) });
  if (record) crumbs.push({ to: h.recordActionUrl({ resourceId: resource.id, recordId: record.id, actionName: 'show' }), label: recordName(record, resource, t) });
  if (action && action.name !== 'list' && action.name !== 'show') crumbs.push({ to: '#', label: actionHeading({ action, resource, record }, t) });
  return (
    <Box as="nav" aria-label="You are here" flexGrow={1} className={cssClass('Breadcrumbs')} data-css={`${resource.id}-${actionName}-breadcrumbs`}>
      {crumbs.map((crumb, i) => <Crumb key={i} to={crumb.to} aria-current={i === crumbs.length - 1 ? 'page' : undefined}>{crumb.label}</Crumb>)}
    </Box>
  );
}
