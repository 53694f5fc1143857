import React from 'react';
import { useLocation, useNavigate } from 'react-router';
import { Link } from 'react-router-dom';
import {
  Breadcrumbs, buildActionClickHandler, buildActionTestId, actionHref,
  useActionResponseHandler, useFilterDrawer, useModal, useTranslation,
  type ActionHeaderProps, type ActionJSON, type RecordJSON,
} from 'adminjs';
import { Badge, Box, ButtonGroup, ButtonCSS, H2, H3, Icon, cssClass, type ButtonGroupProps } from '@adminjs/design-system';
import { styled } from '@adminjs/design-system/styled-components';
import { actionHeading } from './action-heading.js';

// The data-css names are AdminJS's own (its getActionElementCss is not in the browser bundle), so themes still apply.
type Button = ButtonGroupProps['buttons'][number] & { source?: ActionJSON };

// AdminJS's drawer back button, which is not exported; size and rounded are for the CSS, not the link.
const CloseLink = styled(({ rounded: _rounded, size: _size, ...rest }: React.ComponentProps<typeof Link> & { rounded?: boolean; size?: string }) => <Link {...rest} />)`${ButtonCSS}`;

/**
 * AdminJS's ActionHeader with the heading in staff's words (see
 * action-heading.ts): AdminJS titles every screen with its action's name,
 * so a list reads "List", a lead's page "Show" and a drawer "changeStatus".
 * Buttons, breadcrumbs and the filter toggle behave as AdminJS's do.
 */
export default function ActionHeader(props: ActionHeaderProps & { records?: RecordJSON[] }) {
  const { resource, actionPerformed, record, records, action, tag, omitActions, toggleFilter: filterToggle } = props;
  const translateFunctions = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const actionResponseHandler = useActionResponseHandler(actionPerformed);
  const modalFunctions = useModal();
  const { toggleFilter, filtersCount } = useFilterDrawer();
  if (action.hideActionHeader) return null;

  const resourceId = resource.id;
  const params = { resourceId, recordId: record?.id };
  const toButtons = (actions: ActionJSON[], buttonParams: { resourceId: string; recordId?: string }): Button[] => {
    const buttons: Button[] = actions.map((source) => {
      const href = actionHref(source, buttonParams);
      return {
        icon: source.icon, label: translateFunctions.translateAction(source.label, resourceId), variant: source.variant as Button['variant'], source,
        href: href || undefined,
        onClick: href ? (event: React.MouseEvent) => buildActionClickHandler({
          action: source, params: buttonParams, actionResponseHandler, navigate, location, translateFunctions, modalFunctions,
        })(event) : undefined,
        'data-testid': buildActionTestId(source), buttons: [], 'data-css': `${source.resourceId}-${source.name}-button`,
      } as Button;
    });
    // Actions with a parent ("Move in pipeline") become one dropdown, as in AdminJS.
    const grouped = new Map<string, Button>();
    for (const button of buttons) {
      const parentName = button.source?.parent;
      if (!parentName) { grouped.set(button.source!.name, button); continue; }
      const parent = grouped.get(parentName) ?? { label: parentName, buttons: [] };
      parent.buttons = [...(parent.buttons ?? []), button];
      grouped.set(parentName, parent);
    }
    return [...grouped.values()];
  };

  const actionButtons = toButtons(record
    ? record.recordActions.filter((ra) => ra.name !== action.name)
    : resource.resourceActions.filter((ra) => ra.name === 'new' && ra.name !== action.name), params);
  if (typeof filterToggle === 'function' || filterToggle) {
    actionButtons.push({
      label: translateFunctions.translateButton(filtersCount > 0 ? 'filterActive' : 'filter', resourceId, { count: filtersCount }),
      onClick: toggleFilter, icon: 'Filter', 'data-css': `${resourceId}-filter-button`,
    } as Button);
  }
  const resourceButtons = toButtons(action.showResourceActions ? resource.resourceActions.filter((ra) => !['list', 'new'].includes(ra.name)) : [], { resourceId });
  const title = actionHeading({ action, resource, record, records }, translateFunctions);
  const inDrawer = action.showInDrawer;
  const Heading = inDrawer ? H3 : H2;

  return (
    <Box className={cssClass('ActionHeader')} data-css={`${resourceId}-${action.name}-action-header`}>
      {!inDrawer && (
        <Box flex flexDirection="row" flexWrap="wrap" alignItems="center" style={{ gap: 8 }} px={['default', 0]}>
          <Breadcrumbs resource={resource} actionName={action.name} record={record} />
          <Box flexShrink={0}><ButtonGroup size="sm" rounded buttons={resourceButtons} /></Box>
        </Box>
      )}
      <Box display={['block', inDrawer ? 'block' : 'flex']}>
        <Box mt={inDrawer ? '' : 'lg'} flexGrow={1} px={['default', 0]}>
          <Heading mb="lg" data-testid="action-heading">
            {inDrawer && (
              <CloseLink to={{ pathname: '..', search: location.search }} relative="route" size="icon" rounded mr="lg" aria-label="Close">
                <Icon icon="ChevronRight" />
              </CloseLink>
            )}
            {title}
            {tag ? <Badge variant="default" outline ml="default">{tag}</Badge> : null}
          </Heading>
        </Box>
        {!omitActions && (
          <Box mt="xl" mb={inDrawer ? 'xl' : 'default'} flexShrink={0}><ButtonGroup buttons={actionButtons} /></Box>
        )}
      </Box>
    </Box>
  );
}
